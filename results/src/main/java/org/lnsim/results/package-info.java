/**
 * Results: rendering of network statistics (and, with the engine, of run summaries) as text tables, CSV and JSON.
 *
 * <p>Contract: renderers are pure functions of their input: the same statistics give byte-identical output, with
 * fixed key order and fixed rounding, so committed results tables can be regenerated bit for bit. Depends on
 * {@code sim-engine} only.
 */
package org.lnsim.results;
