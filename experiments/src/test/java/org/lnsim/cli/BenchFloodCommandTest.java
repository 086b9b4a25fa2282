package org.lnsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.engine.htlc.CommitmentLatency;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.io.NetworkFormats;
import org.lnsim.protocols.ant.AntSettings;
import org.lnsim.protocols.ant.SeedWave;

class BenchFloodCommandTest {
    @TempDir
    Path dir;

    private static String field(String out, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + ": (\\S+)$").matcher(out);
        assertTrue(m.find(), key + " missing in " + out);
        return m.group(1);
    }

    @Test
    void reportsTheMessagesOfTheSameFloods_recomputedHere() throws Exception {
        ChannelGraph g = BenchRouteCommandTest.randomGraph(11, 150, 600);
        Path p = dir.resolve("g.lnsim");
        NetworkFormats.writer("lnsim").write(g, p);
        RouteCommandTest.Run r = RouteCommandTest.run("bench", "flood", p.toString(), "--floods", "12", "--warmup",
                "2", "--seed", "4", "--amount-msat", "50000000");
        assertEquals(0, r.code(), r.err());
        // oracle: the same pairs (same stream, same draw order) flooded directly on a fresh wave
        int[] eligible = BenchRouteCommand.payableNodes(g);
        SplittableRandom pairs = BenchRouteCommand.stream(4, "bench-flood/pairs");
        SeedWave.Links links = BenchFloodCommand.evenSplit(g,
                new CommitmentLatency(g.channelCount(), BenchRouteCommand.stream(4, "bench-flood/latency")));
        SeedWave w = new SeedWave(g);
        AntSettings ant = AntSettings.DEFAULT;
        long messages = 0;
        int matched = 0;
        for (int i = 0; i < 12; i++) {
            int[] pair = BenchRouteCommand.distinctPair(eligible, pairs);
            w.run(pair[0], pair[1], 50_000_000, ant.maxFeeMsat(50_000_000), ant.maxHops(), ant.wipeAfterUs(), links);
            messages += w.seedMessages(0) + w.seedMessages(1);
            matched += w.matchCount() > 0 ? 1 : 0;
        }
        assertTrue(messages > 12 * 100, "floods should cross many channels: " + messages);
        assertEquals(String.format(Locale.ROOT, "%.0f", messages / 12.0), field(r.out(), "seed_messages_mean"));
        assertEquals(Integer.toString(matched), field(r.out(), "floods_with_a_match"));
        assertTrue(Double.parseDouble(field(r.out(), "ns_per_message")) > 0, r.out());
        assertTrue(Double.parseDouble(field(r.out(), "flood_ms_min"))
                <= Double.parseDouble(field(r.out(), "flood_ms_p50")), r.out());
    }

    @Test
    void badOptions_exitTwo() throws Exception {
        Path p = dir.resolve("g.lnsim");
        NetworkFormats.writer("lnsim").write(BenchRouteCommandTest.randomGraph(3, 20, 40), p);
        assertEquals(ExitCodes.BAD_INPUT, RouteCommandTest.run("bench", "flood", p.toString(), "--floods", "0").code());
        assertEquals(ExitCodes.BAD_INPUT,
                RouteCommandTest.run("bench", "flood", p.toString(), "--amount-msat", "0").code());
        assertEquals(ExitCodes.BAD_INPUT,
                RouteCommandTest.run("bench", "flood", dir.resolve("missing.lnsim").toString()).code());
    }
}
