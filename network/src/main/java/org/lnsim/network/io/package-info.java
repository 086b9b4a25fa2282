/**
 * Reading and writing networks: one {@link org.lnsim.network.io.NetworkReader} / {@link
 * org.lnsim.network.io.NetworkWriter} per format, registered in {@link org.lnsim.network.io.NetworkFormats}.
 *
 * <p>Formats: lnsim's binary {@code .lnsim} ({@link org.lnsim.network.io.NativeNetworkFormat}, read/write); Core
 * Lightning {@code listchannels} JSON with an optional sibling {@code listnodes} file, also the 2026 gossmap decode
 * ({@link org.lnsim.network.io.ClnListChannelsFormat}, read); lnd {@code describegraph} JSON ({@link
 * org.lnsim.network.io.LndDescribeGraphFormat}, read/write); CLoTH CSV folders including the lnresearch-timemachine
 * variant ({@link org.lnsim.network.io.ClothCsvFormat}, read/write); ln-graph-viz JSON such as the partial 2025
 * snapshot ({@link org.lnsim.network.io.LnGraphVizFormat}, read, topology only). Payment traces in CLoTH's
 * {@code payments.csv} format ({@link org.lnsim.network.io.ClothPaymentsTrace}) and amount files of an empirical
 * distribution ({@link org.lnsim.network.io.AmountsFile}) are read here too, so every input file lnsim reads is parsed
 * in this package with the same error form.
 *
 * <p>Contract:
 * <ul>
 *   <li>Formats are detected from content (gzip transparently): the first JSON keys of a file, or for a folder the
 *       files it holds (one {@code *listchannels*.json[.gz]}, or CLoTH's CSV set).</li>
 *   <li>JSON is read with Jackson's streaming parser, so memory is that of the resulting graph.</li>
 *   <li>Every importer counts what it dropped, merged or defaulted in a {@link org.lnsim.network.io.LoadReport}
 *       under stable lower-case counter names documented in the importer's javadoc, and records the files it
 *       read.</li>
 *   <li>Duplicates: the same channel twice with the same endpoints and capacity is one channel; with other endpoints
 *       or capacity it is an error, as is a capacity of 0. A direction listed twice with the same policy is merged; with another policy the
 *       newer {@code last_update} wins (ties: the later record; CLoTH, which has no timestamps, rejects it).</li>
 *   <li>Initial balances are not part of the graph: a format that states them (CLoTH's {@code balance} column)
 *       returns them beside it as {@link org.lnsim.network.io.FileBalances} ({@link
 *       org.lnsim.network.io.LoadedNetwork#balances()}, one {@code long} per channel, null for the other formats);
 *       a writer whose format carries balances writes them ({@link
 *       org.lnsim.network.io.NetworkWriter#writesBalances()}).</li>
 *   <li>Bad input raises {@link org.lnsim.network.io.NetworkFormatException} naming the file, the line (CSV) or the
 *       record (JSON: {@code "record K (channels[K]) at line L"}) and the problem.</li>
 *   <li>Writers go through {@link org.lnsim.network.io.AtomicOutput} (files) or a temporary sibling folder that is
 *       renamed into place (CLoTH), so a failure leaves no partial output; output is deterministic.</li>
 * </ul>
 */
package org.lnsim.network.io;
