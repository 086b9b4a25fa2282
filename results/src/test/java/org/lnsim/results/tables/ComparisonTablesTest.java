package org.lnsim.results.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.network.io.NetworkFormatException;

/**
 * The comparison tables on hand-made run folders, every cell worked by hand. The numbers are chosen so that C's
 * printf rounding (exact binary value, ties to even), which the tables made with awk used, differs from Java's
 * String.format (half up): 2.5 → "2", 2.25 → "2.2", 1.25 → "1.2".
 */
class ComparisonTablesTest {
    private static void write(Path dir, String file, String... lines) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), String.join("\n", lines) + "\n");
    }

    /**
     * Two protocols, 8 payments each. ant: seeds_received over nodes p50 10, p99 18, max 20, so seeds per payment at
     * a node 10/8 = 1.25 ("1.25") and 18/8 = 2.25 ("2.2"); the busiest node receives b = 20/8 = 2.5 seeds per payment:
     * "2.5", at 1 / 10 / 100 payments/s 2.5 ("2"), 25, 250 seeds/s, and it passes 1,000 (10,000) seeds/s at 400.00
     * (4000.0) payments/s. Nodes 1 and 2 both received 20: the first in node order, 1, is named, with the first 16 hex
     * digits of its id, its alias without quotes and pipes (the quoted field holds a comma) and its 2 channels. source
     * floods nothing: its seed cells are empty. Columns are found by name though the files order them differently.
     */
    @Test
    void antTableAsWorkedByHand(@TempDir Path dir) throws IOException {
        write(dir, "summary.csv",
                "protocol,payments,discovery_ms_p99,success_rate,fee_ppm_p50,messages_per_payment,bytes_per_payment,"
                        + "discovery_ms_p50",
                "source,8,0.0,0.8750,45.0,100.0,2000.0,0.0",
                "ant,8,3000.0,0.7500,120.5,300.0,9000.0,250.0");
        write(dir, "node_state_summary.csv", "protocol,figure,nodes,p50,p90,p99,max",
                "source,state_bytes,3,700,700,700,700",
                "ant,state_bytes,3,40,50,60,60",
                "ant,seeds_received,3,10,18,18,20");
        write(dir, "node_state.csv", "protocol,node,state_bytes,seeds_received",
                "source,0,700,", "source,1,700,", "source,2,700,",
                "ant,0,40,10", "ant,1,60,20", "ant,2,50,20");
        write(dir, "node_ids.csv", "node,node_id,channels,capacity_sat,alias",
                "0,02aaaaaaaaaaaaaaaaaaaa,1,100,",
                "1,03bbbbbbbbbbbbbbbbcccc,2,300,\"Hub, \"\"big\"\" | one\"",
                "2,02dddddddddddddddddddd,1,200,leaf");
        String[] lines = ComparisonTables.ant(dir).split("\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith("| protocol | success | fee ppm p50 | discovery ms p50 |"), lines[0]);
        assertEquals("| source | 0.8750 | 45.0 | 0.0 | 0.0 | 100.0 | 2000.0 | 700 | 700 | 700 |  |  |  |  |  |  |  |  "
                + "|  |", lines[2]);
        assertEquals("| ant | 0.7500 | 120.5 | 250.0 | 3000.0 | 300.0 | 9000.0 | 40 | 60 | 60 | 1.25 | 2.2 | "
                + "1 (03bbbbbbbbbbbbbb…, Hub, big  one, 2 channels) | 2.5 | 2 | 25 | 250 | 400.00 | 4000.0 |", lines[3]);

        Map<String, Path> rates = new LinkedHashMap<>();
        rates.put("1", dir);
        rates.put("10", dir);
        String[] rateLines = ComparisonTables.antRates(rates).split("\n");
        // the last summary row (ant): 20 seeds over 8 / 1 s = 2.5 → "2"; over 8 / 10 s = 25
        assertEquals("| 1 | 0.7500 |  |  |  | 40 | 60 | 60 | 2 |", rateLines[2]);
        assertEquals("| 10 | 0.7500 |  |  |  | 40 | 60 | 60 | 25 |", rateLines[3]);
    }

    /**
     * beacon against source: state p50 as a share of source's (every source node holds the whole gossip):
     * 100 × 40 / 700 = 5.714285… → "5.7143", source's own 100.0000; set-up time in ms from µs: 1250 → 1.25 → "1.2",
     * 3000 → "3.0"; source has no set-up time, beacon requests or beacons found: empty; no discovery columns in the
     * summary means no protocol discovered: 0.0.
     */
    @Test
    void beaconTableAsWorkedByHand(@TempDir Path dir) throws IOException {
        write(dir, "summary.csv", "protocol,payments,success_rate,fee_ppm_p50,messages_per_payment,bytes_per_payment,"
                        + "table_requests_mean",
                "source,4,1.0000,10.0,50.0,700.0,",
                "beacon-r1-b2,4,0.5000,20.0,5.5,60.0,1.250");
        write(dir, "node_state_summary.csv", "protocol,figure,nodes,p50,p90,p99,max",
                "source,state_bytes,2,700,700,700,700",
                "source,setup_messages_sent,2,0,1,1,1",
                "source,setup_bytes_received,2,700,700,700,700",
                "beacon-r1-b2,state_bytes,2,40,45,45,45",
                "beacon-r1-b2,setup_messages_sent,2,3,4,4,4",
                "beacon-r1-b2,setup_bytes_received,2,90,95,95,95",
                "beacon-r1-b2,setup_us,2,1250,3000,3000,3000",
                "beacon-r1-b2,setup_requests,2,2,5,5,5",
                "beacon-r1-b2,beacons_found,2,1,2,2,2");
        String[] lines = ComparisonTables.beacon(dir).split("\n");
        assertEquals("| source | 1.0000 | 10.0 | 0.0 | 0.0 |  | 50.0 | 700.0 | 700 | 700 | 700 | 100.0000 | 0 | 1 | 700 "
                + "| 700 |  |  |  |  |  |", lines[2]);
        assertEquals("| beacon-r1-b2 | 0.5000 | 20.0 | 0.0 | 0.0 | 1.250 | 5.5 | 60.0 | 40 | 45 | 45 | 5.7143 | 3 | 4 "
                + "| 90 | 95 | 1.2 | 3.0 | 2 | 5 | 1 |", lines[3]);
    }

    /** Route found = payments with at least one attempt: source 2 of 3 → 0.667, beacon 2 of 4 → 0.500. */
    @Test
    void flareTableAsWorkedByHand(@TempDir Path dir) throws IOException {
        write(dir, "payments.csv", "id,attempts,protocol",
                "0,1,source", "1,1,source", "2,0,source",
                "0,0,beacon", "1,0,beacon", "2,2,beacon", "3,1,beacon");
        write(dir, "summary.csv", "protocol,success_rate,discovery_ms_p50,discovery_ms_p99,table_requests_mean",
                "source,0.6667,0.0,0.0,", "beacon,0.2500,120.0,900.5,1.500");
        assertEquals("| protocol | route found | success | discovery ms p50 | discovery ms p99 | table requests / payment |\n"
                + "|---|---:|---:|---:|---:|---:|\n"
                + "| source | 0.667 | 0.6667 | 0.0 | 0.0 |  |\n"
                + "| beacon | 0.500 | 0.2500 | 120.0 | 900.5 | 1.500 |\n", ComparisonTables.flare(dir));
    }

    /** A missing column is an error naming the file and the column; so is a missing file. */
    @Test
    void missingColumnOrFileIsNamed(@TempDir Path dir) throws IOException {
        write(dir, "summary.csv", "protocol,payments", "source,4");
        write(dir, "payments.csv", "id,attempts,protocol", "0,1,source");
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> ComparisonTables.flare(dir));
        assertTrue(e.getMessage().contains(dir.resolve("summary.csv").toString())
                && e.getMessage().contains("no column 'success_rate'"), e.getMessage());
        NetworkFormatException f = assertThrows(NetworkFormatException.class, () -> ComparisonTables.beacon(dir));
        assertTrue(f.getMessage().contains("node_state_summary.csv") && f.getMessage().contains("no such file"),
                f.getMessage());
    }

    /** RFC 4180 fields: quoted commas, doubled quotes and a line break; a short row names its line. */
    @Test
    void csvFieldsAreSplitAsRfc4180(@TempDir Path dir) throws IOException {
        write(dir, "a.csv", "node,alias,channels", "0,\"a, \"\"b\"\"\",3", "1,\"two", "lines\",4", "2,plain,5");
        CsvTable t = CsvTable.read(dir.resolve("a.csv"));
        assertEquals(3, t.rowCount());
        assertEquals("a, \"b\"", t.get(0, "alias"));
        assertEquals("two\nlines", t.get(1, "alias"));
        assertEquals("4", t.get(1, "channels"));
        assertEquals(5.0, t.number(2, "channels"));
        write(dir, "b.csv", "x,y", "1,2", "3");
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> CsvTable.read(dir.resolve("b.csv")));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("1 fields, the header has 2"),
                e.getMessage());
    }

    /** C's rounding of the exact binary value, ties to even (String.format would give 3, 2.3, 0.13). */
    @Test
    void fixedRoundsLikePrintf() {
        assertEquals("2", ComparisonTables.fixed(2.5, 0));
        assertEquals("4", ComparisonTables.fixed(3.5, 0));
        assertEquals("2.2", ComparisonTables.fixed(2.25, 1));
        assertEquals("0.12", ComparisonTables.fixed(0.125, 2));
        assertEquals("1.00", ComparisonTables.fixed(1.005, 2)); // 1.005 is 1.00499999999999989… in binary
        assertEquals("5.7143", ComparisonTables.fixed(100 * 40 / 700.0, 4));
    }
}
