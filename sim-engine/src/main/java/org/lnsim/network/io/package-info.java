/**
 * Reading and writing networks: one {@link org.lnsim.network.io.NetworkReader} / {@link
 * org.lnsim.network.io.NetworkWriter} per format, registered in {@link org.lnsim.network.io.NetworkFormats}.
 *
 * <p>Contract: formats are detected from content (gzip transparently); every importer counts what it dropped,
 * merged or defaulted in a {@link org.lnsim.network.io.LoadReport}; bad input raises {@link
 * org.lnsim.network.io.NetworkFormatException} naming the file, the line or record, and the problem; writers go
 * through {@link org.lnsim.network.io.AtomicOutput} so a failure leaves no partial file.
 */
package org.lnsim.network.io;
