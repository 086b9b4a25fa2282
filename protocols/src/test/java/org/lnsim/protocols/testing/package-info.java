/**
 * Test fixtures the protocols' tests share: small hand-made and seeded random networks ({@link
 * org.lnsim.protocols.testing.SmallNets}). Contract: every fixture is a pure function of its arguments (random ones of
 * the {@link java.util.SplittableRandom} given, drawn in a documented order), so a test that uses one is as
 * deterministic as one that built its graph inline.
 */
package org.lnsim.protocols.testing;
