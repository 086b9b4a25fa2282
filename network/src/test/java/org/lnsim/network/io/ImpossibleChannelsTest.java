package org.lnsim.network.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.network.NodeIds;
import org.lnsim.network.testing.TestData;

/**
 * Issue 21, defect 9: channels no network can hold. A scan of the shipped snapshots (lnd 2019-03-09, CLN 2019-01-18,
 * 2019-05-14, 2021-04-16 and 2026-02-03, CLoTH 2020, the lnresearch timemachine 2020/2021/2022) found no zero
 * capacity, so a zero capacity is refused naming the file and record (exit 2); it found 2 directions whose
 * htlc_minimum exceeds the capacity (timemachine 2020-07-15), so those are loaded and counted in the load report
 * ({@code htlc_minimum_above_capacity}) instead: no HTLC can cross them, and routing already skips them.
 */
class ImpossibleChannelsTest {
    @TempDir
    Path dir;

    private static String id(int k) {
        return NodeIds.hex(NodeIds.fromIndex(k));
    }

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private static void refused(Path f, String... parts) {
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NetworkFormats.load(f));
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should contain '" + p + "'");
        }
    }

    private static String lnd(String capacity, String minHtlc) {
        String policy = "{\"time_lock_delta\": 40, \"min_htlc\": \"" + minHtlc + "\", \"fee_base_msat\": \"1000\", "
                + "\"fee_rate_milli_msat\": \"1\", \"disabled\": false, \"max_htlc_msat\": \"0\", \"last_update\": 1}";
        return "{\"nodes\": [], \"edges\": [\n"
                + " {\"channel_id\": \"1x0x0\", \"node1_pub\": \"" + id(1) + "\", \"node2_pub\": \"" + id(2)
                + "\", \"capacity\": \"10\", \"node1_policy\": null, \"node2_policy\": null},\n"
                + " {\"channel_id\": \"2x0x0\", \"node1_pub\": \"" + id(1) + "\", \"node2_pub\": \"" + id(3)
                + "\", \"capacity\": \"" + capacity + "\", \"node1_policy\": " + policy + ", \"node2_policy\": "
                + policy.replace("\"min_htlc\": \"" + minHtlc + "\"", "\"min_htlc\": \"1\"") + "}\n]}";
    }

    private static String cln(String capacity, String minHtlc) {
        String policy = "\"base_fee_millisatoshi\": 1000, \"fee_per_millionth\": 1, \"delay\": 144";
        return "{\"channels\": [\n"
                + "{\"source\": \"" + id(1) + "\", \"destination\": \"" + id(2) + "\", \"short_channel_id\": "
                + "\"1x0x0\", \"satoshis\": 10, \"channel_flags\": 0, " + policy + "},\n"
                + "{\"source\": \"" + id(1) + "\", \"destination\": \"" + id(3) + "\", \"short_channel_id\": "
                + "\"2x0x0\", \"satoshis\": " + capacity + ", \"channel_flags\": 0, \"htlc_minimum_msat\": " + minHtlc
                + ", " + policy + "}\n]}\n";
    }

    private Path cloth(String name, String capacityMsat, String minHtlcMsat) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f);
        Files.writeString(f.resolve("nodes_ln.csv"), "id\n0\n1\n2\n");
        Files.writeString(f.resolve("channels_ln.csv"), "id,edge1_id,edge2_id,node1_id,node2_id,capacity\n"
                + "0,0,1,0,1,100000\n1,2,3,1,2," + capacityMsat + "\n");
        Files.writeString(f.resolve("edges_ln.csv"), "id,channel_id,counter_edge_id,from_node_id,to_node_id,balance,"
                + "fee_base,fee_proportional,min_htlc,timelock\n2,1,3,1,2,0,1000,1," + minHtlcMsat + ",40\n"
                + "3,1,2,2,1," + capacityMsat + ",1000,1,1,40\n");
        return f;
    }

    @Test
    void aZeroCapacityIsRefusedNamingFileAndRecord() throws IOException {
        refused(write("lnd.json", lnd("0", "1")), "lnd.json", "record 1 (edges[1])", "capacity 0 sat");
        refused(write("cln.json", cln("0", "1")), "cln.json", "record 1 (channels[1])", "capacity 0 sat");
        refused(cloth("zero", "0", "1"), "channels_ln.csv", "line 3", "channel 1 has capacity 0 msat");
        // 999 msat would have been truncated to 0 sat
        refused(cloth("sub-sat", "999", "1"), "channels_ln.csv", "line 3", "capacity 999 msat");
        refused(write("viz.json", "{\"nodes\":[{\"id\":\"1\",\"Node_Type\":\"LSP\",\"pub_key\":\"" + id(1) + "\"},"
                + "{\"id\":\"2\",\"Node_Type\":\"LSP\",\"pub_key\":\"" + id(2) + "\"}],\"edges\":[{\"id\":\"1-2\","
                + "\"source\":\"1\",\"target\":\"2\",\"capacity\":0,\"Channel_Size_Tier\":\"Highway\"}]}"),
                "viz.json", "record 0 (edges[0])", "capacity 0 sat");
    }

    /** A CLoTH capacity above the supply named the wrong cause ("listed earlier with other endpoints"). */
    @Test
    void aClothCapacityAboveTheSupplySaysSo() throws IOException {
        refused(cloth("rich", "2100000000000001000", "1"), "channels_ln.csv", "line 3", "more than the 21M BTC supply");
    }

    /**
     * Channel 2x0x0 of 5 sat = 5,000 msat, its first direction with htlc minimum 5,001 msat: loaded, counted once;
     * 5,000 msat (equal to the capacity) is not counted.
     */
    @Test
    void anHtlcMinimumAboveTheCapacityIsCounted() throws IOException {
        assertEquals(1, NetworkFormats.load(write("lnd.json", lnd("5", "5001"))).report()
                .get("htlc_minimum_above_capacity"));
        assertEquals(0, NetworkFormats.load(write("lnd-eq.json", lnd("5", "5000"))).report()
                .get("htlc_minimum_above_capacity"));
        assertEquals(1, NetworkFormats.load(write("cln.json", cln("5", "5001"))).report()
                .get("htlc_minimum_above_capacity"));
        LoadedNetwork c = NetworkFormats.load(cloth("above", "5000", "5001"));
        assertEquals(1, c.report().get("htlc_minimum_above_capacity"));
        assertEquals(2, c.graph().channelCount());
    }

    /** The real case: the lnresearch timemachine's 2020-07-15 snapshot has exactly 2 such directions. */
    @Test
    void theTimemachineSnapshotHasTwo() throws IOException {
        LoadedNetwork ln = NetworkFormats.load(TestData.snapshot("lnresearch-timemachine-cloth-2020-07-15"));
        assertEquals(2, ln.report().get("htlc_minimum_above_capacity"));
    }
}
