package org.lnsim.network.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Progress reports bytes of each input file as read, ending at the file's size, without changing what is loaded. */
class ReadProgressTest {
    private record Report(String file, long done, long total) {
    }

    @Test
    void progressEndsAtEachFilesSizeAndNeverGoesBack() throws IOException {
        Path channels = SnapshotAnchorTest.snapshots().resolve("clightning-listchannels-2019-05-14.json.gz");
        Path nodes = SnapshotAnchorTest.snapshots().resolve("clightning-listnodes-2019-05-14.json.gz");
        List<Report> reports = new ArrayList<>();
        LoadedNetwork withProgress = NetworkFormats.load(channels, (f, d, t) -> reports.add(new Report(f, d, t)));
        LoadedNetwork without = NetworkFormats.load(channels);
        assertEquals(without.graph().channelCount(), withProgress.graph().channelCount());
        Map<String, Long> last = new TreeMap<>();
        for (Report r : reports) {
            long before = last.getOrDefault(r.file(), 0L);
            assertTrue(r.done() >= before, "progress went back: " + r);
            assertTrue(r.done() <= r.total(), "beyond the file size: " + r);
            last.put(r.file(), r.done());
        }
        // both files were read to the end: 2.9 MB of channels (no report before 4 MiB, one at the end) and the nodes
        assertEquals(Files.size(channels), last.get(channels.getFileName().toString()));
        assertEquals(Files.size(nodes), last.get(nodes.getFileName().toString()));
    }
}
