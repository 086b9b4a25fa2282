package org.lnsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;
import org.lnsim.network.io.NetworkFormats;

class RouteCommandTest {
    private static final long NO_MAX = ChannelPolicy.NO_HTLC_MAXIMUM;
    private static final String A = NodeIds.hex(NodeIds.fromIndex(1));
    private static final String D = NodeIds.hex(NodeIds.fromIndex(4));

    @TempDir
    static Path dir;
    static Path network;

    /** One run of the CLI: exit code, stdout, stderr. */
    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * A(1)–B(2)–C(3)–D(4) as in HybridRouterTest's line, plus a detour A–E(5)–D that is dearer. Channels
     * 100x1x0 A–B, 100x2x0 B–C, 100x3x0 C–D, 100x4x0 A–E, 100x5x0 E–D, 1,000,000 sat each. Node ids ascend with the
     * numbers, so direction 0 of each channel leaves the lesser-numbered node: E→D is 100x5x0 direction 1.
     */
    @BeforeAll
    static void writeNetwork() throws Exception {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int a = b.addNode(NodeIds.fromIndex(1));
        int bb = b.addNode(NodeIds.fromIndex(2));
        int c = b.addNode(NodeIds.fromIndex(3));
        int d = b.addNode(NodeIds.fromIndex(4));
        int e = b.addNode(NodeIds.fromIndex(5));
        int ab = b.addChannel(ShortChannelId.of(100, 1, 0), a, bb, 1_000_000);
        int bc = b.addChannel(ShortChannelId.of(100, 2, 0), bb, c, 1_000_000);
        int cd = b.addChannel(ShortChannelId.of(100, 3, 0), c, d, 1_000_000);
        int ae = b.addChannel(ShortChannelId.of(100, 4, 0), a, e, 1_000_000);
        int ed = b.addChannel(ShortChannelId.of(100, 5, 0), e, d, 1_000_000);
        b.setPolicy(ab, a, new ChannelPolicy(1000, 100, 10, 0, NO_MAX, false));
        b.setPolicy(ab, bb, new ChannelPolicy(1, 1, 1, 0, NO_MAX, false));
        b.setPolicy(bc, bb, new ChannelPolicy(2000, 1000, 20, 0, NO_MAX, false));
        b.setPolicy(bc, c, new ChannelPolicy(1, 1, 1, 0, NO_MAX, false));
        b.setPolicy(cd, c, new ChannelPolicy(500, 200, 30, 0, NO_MAX, false));
        b.setPolicy(cd, d, new ChannelPolicy(1, 1, 1, 0, NO_MAX, false));
        b.setPolicy(ae, a, new ChannelPolicy(1000, 100, 10, 0, NO_MAX, false));
        b.setPolicy(ae, e, new ChannelPolicy(1, 1, 1, 0, NO_MAX, false));
        b.setPolicy(ed, e, new ChannelPolicy(5000, 0, 10, 0, NO_MAX, false));
        b.setPolicy(ed, d, new ChannelPolicy(1, 1, 1, 0, NO_MAX, false));
        ChannelGraph g = b.build();
        network = dir.resolve("five.lnsim");
        NetworkFormats.writer("lnsim").write(g, network);
    }

    /**
     * A → D, 1,000,000 msat, fuzz 0, riskfactor 10, final CLTV 9 (rf_blk = 10 / 5,259,600). Backwards:
     * <pre>
     * C→D (100x3x0/0): carries 1,000,000, cltv 9
     * B→C (100x2x0/0): carries 1,000,000 + 500 + ⌊1,000,000·200/10^6⌋ = 1,000,700, cltv 9 + 30 = 39
     * A→B (100x1x0/0): carries 1,000,700 + 2000 + ⌊1,000,700·1000/10^6⌋ = 1,003,700, cltv 39 + 20 = 59
     * fee = 1,003,700 − 1,000,000 = 3,700
     * risk = (1 + ⌊1,000,700·30·rf⌋ = 57) + (1 + ⌊1,003,700·20·rf⌋ = 38)
     *      + (A's own fee 1000 + ⌊1,003,700·100/10^6⌋ = 1100, + 1 + ⌊1,003,700·10·rf⌋ = 19) = 58 + 39 + 1120 = 1,217
     * cost = 1,003,700 + 1,217 = 1,004,917
     * detour A→E→D: total 1,000,000 + 5000 = 1,005,000; risk (1 + ⌊1,005,000·10·rf⌋ = 19) + (1100 + 1 + 19)
     *      = 1,140; cost 1,006,140 — dearer, so not chosen.
     * </pre>
     */
    @Test
    void handWorkedThreeHopRoute_json() throws Exception {
        Run r = run("route", network.toString(), "--from", A, "--to", D, "--amount-msat", "1000000", "--fuzz", "0",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = j.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        assertEquals(List.of("amount_msat", "fee_msat", "cost", "hop_count", "algorithm", "hops"), fields);
        assertEquals(1_000_000, j.get("amount_msat").asLong());
        assertEquals(3_700, j.get("fee_msat").asLong());
        assertEquals(1_004_917, j.get("cost").asLong());
        assertEquals(3, j.get("hop_count").asInt());
        assertEquals("dijkstra", j.get("algorithm").asText());
        String[] scids = {"100x1x0", "100x2x0", "100x3x0"};
        long[] amounts = {1_003_700, 1_000_700, 1_000_000};
        int[] cltvs = {59, 39, 9};
        for (int i = 0; i < 3; i++) {
            JsonNode hop = j.get("hops").get(i);
            assertEquals(scids[i], hop.get("scid").asText());
            assertEquals(0, hop.get("direction").asInt());
            assertEquals(amounts[i], hop.get("amount_msat").asLong());
            assertEquals(cltvs[i], hop.get("cltv").asInt());
        }
        // the same query twice prints byte-identical output
        assertEquals(r.out(), run("route", network.toString(), "--from", A, "--to", D, "--amount-msat", "1000000",
                "--fuzz", "0", "--format", "json").out());
    }

    @Test
    void textFormat_showsTheHopsAndTotals() {
        Run r = run("route", network.toString(), "--from", A, "--to", D, "--amount-msat", "1000000", "--fuzz", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("100x2x0"), r.out());
        assertTrue(r.out().contains("amount 1000000 msat, fee 3700 msat, cost 1004917, 3 hops, algorithm dijkstra"),
                r.out());
    }

    /**
     * Excluding B→C (100x2x0 direction 0) leaves the detour: E→D carries 1,000,000 (cltv 9), A→E carries
     * 1,000,000 + 5000 = 1,005,000 (cltv 9 + 10 = 19); fee 5,000; cost 1,006,140 (see above).
     */
    @Test
    void exclude_forcesTheOtherRoute() throws Exception {
        Run r = run("route", network.toString(), "--from", A, "--to", D, "--amount-msat", "1000000", "--fuzz", "0",
                "--exclude", "100x2x0/0", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(2, j.get("hop_count").asInt());
        assertEquals("100x4x0", j.get("hops").get(0).get("scid").asText());
        assertEquals(1_005_000, j.get("hops").get(0).get("amount_msat").asLong());
        assertEquals(19, j.get("hops").get(0).get("cltv").asInt());
        assertEquals("100x5x0", j.get("hops").get(1).get("scid").asText());
        assertEquals(1, j.get("hops").get(1).get("direction").asInt());
        assertEquals(5_000, j.get("fee_msat").asLong());
        assertEquals(1_006_140, j.get("cost").asLong());
        // the opposite direction of B–C is not on the route: excluding it changes nothing
        Run other = run("route", network.toString(), "--from", A, "--to", D, "--amount-msat", "1000000", "--fuzz",
                "0", "--exclude", "100x2x0/1", "--format", "json");
        assertEquals(3, other.json().get("hop_count").asInt());
    }

    @Test
    void noRoute_exitsOneWithTheReason() throws Exception {
        // 2,000,000,000 msat is more than any channel's 1,000,000 sat = 10^9 msat capacity
        Run r = run("route", network.toString(), "--from", A, "--to", D, "--amount-msat", "2000000000", "--format",
                "json");
        assertEquals(ExitCodes.FAILURE, r.code());
        assertTrue(r.err().contains("no route"), r.err());
        assertTrue(r.json().get("failure").asText().contains("no route"), r.out());
        assertEquals(0, r.json().get("hops").size());
        // B→C and E→D (100x5x0 direction 1, D being node_1) together cut every way
        Run cut = run("route", network.toString(), "--from", A, "--to", D, "--amount-msat", "1000", "--exclude",
                "100x2x0/0", "--exclude", "100x5x0/1");
        assertEquals(ExitCodes.FAILURE, cut.code());
        assertTrue(cut.out().contains("no route"), cut.out());
    }

    @Test
    void badInput_exitsTwoNamingTheProblem() {
        String unknown = NodeIds.hex(NodeIds.fromIndex(99));
        Run r = run("route", network.toString(), "--from", A, "--to", unknown, "--amount-msat", "1000");
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--to") && r.err().contains(unknown), r.err());

        Run malformed = run("route", network.toString(), "--from", "02abc", "--to", D, "--amount-msat", "1000");
        assertEquals(ExitCodes.BAD_INPUT, malformed.code());
        assertTrue(malformed.err().contains("--from") && malformed.err().contains("02abc"), malformed.err());

        for (String bad : new String[] {"100x2x0", "100x2x0/2", "abc/0", "100x9x0/0"}) {
            Run ex = run("route", network.toString(), "--from", A, "--to", D, "--amount-msat", "1000", "--exclude",
                    bad);
            assertEquals(ExitCodes.BAD_INPUT, ex.code(), bad);
            assertTrue(ex.err().contains("--exclude") && ex.err().contains(bad.substring(0, 3)), ex.err());
        }

        Run amount = run("route", network.toString(), "--from", A, "--to", D, "--amount-msat", "0");
        assertEquals(ExitCodes.BAD_INPUT, amount.code());
        assertTrue(amount.err().contains("amount"), amount.err());
    }

    @Test
    void helpAndVersion() {
        Run help = run("route", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--exclude"), help.out());
        Run version = run("bench", "route", "--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("lnsim "), version.out());
        Run bench = run("bench");
        assertEquals(ExitCodes.BAD_INPUT, bench.code());
        assertTrue(bench.err().contains("route"), bench.err());
    }
}
