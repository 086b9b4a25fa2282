package org.lnsim.network.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lnsim.network.stats.NetworkStatistics;

class ClnListChannelsFormatTest {

    /**
     * The Million Channels Project's May 2019 input (SOURCES.md §2): 68,794 directed entries, 54,994 active, 37,497
     * scids, 4,275 nodes; listnodes sibling with 4,306 entries of which 32 carry only the id. Expected graph values
     * are read from anchor-stats.json.
     */
    @Test
    void readsMay2019SnapshotWithSiblingListnodes() throws IOException {
        String key = "clightning-listchannels-2019-05-14.json.gz";
        Path file = SnapshotAnchorTest.snapshots().resolve(key);
        LoadedNetwork loaded = NetworkFormats.load(file);
        JsonNode anchor = SnapshotAnchorTest.anchors().get(key);
        Map<String, Object> s = NetworkStatistics.compute(loaded.graph());
        assertEquals(anchor.get("nodes_with_channels").asLong(), s.get("nodes_with_channels"));
        assertEquals(anchor.get("channels").asLong(), s.get("channels"));
        assertEquals(anchor.get("active_directed_entries").asLong(), s.get("policies_used"));
        LoadReport r = loaded.report();
        assertEquals(ClnListChannelsFormat.NAME, r.format());
        assertEquals(anchor.get("directed_entries").asLong(), r.get("directions_read"));
        assertEquals(SnapshotAnchorTest.snapshots().resolve("clightning-listnodes-2019-05-14.json.gz"), r.files().get("nodes"));
        assertEquals(4306, r.get("listnodes_entries"));
        // measured with python on the two files: 31 listed nodes have no channel (skipped), 29 channel endpoints are
        // listed with their id only (not announced), 4,246 endpoints are announced; 31 + 29 + 4,246 = 4,306
        assertEquals(31, r.get("listnodes_without_channels"));
        assertEquals(29, r.get("listnodes_not_announced"));
        long announced = 0;
        for (int n = 0; n < loaded.graph().nodeCount(); n++) {
            announced += loaded.graph().isAnnounced(n) ? 1 : 0;
        }
        assertEquals(4_246, announced);
        // every entry of the 2019 dump has a channel_update (fees present) but no htlc_minimum/maximum fields
        assertEquals(68_794, r.get("htlc_minimum_defaulted"));
        assertEquals(68_794 - 54_994, r.get("disabled"));
        // 2 * 37,497 directions minus 68,794 entries = 6,200 channels listed in one direction only
        assertEquals(6_200, r.get("one_sided_channels"));
    }
}
