package org.lnsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lnsim run}'s output folder (issue 21, defects 3 and 7): whole runs only, nothing foreign touched. */
class RunCommandTest {
    @TempDir
    Path dir;

    private static final String[] SMALL = {"--quiet", "--set", "network.generate.channels=1000", "--set",
        "workload.payments=40"};

    private static RouteCommandTest.Run run(Path out, String... more) {
        String[] args = new String[3 + SMALL.length + more.length];
        args[0] = "run";
        args[1] = "--out";
        args[2] = out.toString();
        System.arraycopy(SMALL, 0, args, 3, SMALL.length);
        System.arraycopy(more, 0, args, 3 + SMALL.length, more.length);
        return RouteCommandTest.run(args);
    }

    private static List<String> names(Path d) throws java.io.IOException {
        return org.lnsim.network.testing.TestData.names(d);
    }

    @Test
    void anEarlierRunIsReplacedOnlyWithForce() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, run(out).code());
        byte[] first = Files.readAllBytes(out.resolve("payments.csv"));
        RouteCommandTest.Run again = run(out);
        assertEquals(2, again.code(), again.err());
        assertTrue(again.err().contains("earlier output; give --force to replace it"), again.err());
        assertEquals(0, run(out, "--force").code());
        assertArrayEquals(first, Files.readAllBytes(out.resolve("payments.csv")));
        assertEquals(List.of("out"), names(dir), "no temporary folder left beside the output");
    }

    @Test
    void aFolderWithTheUsersFilesIsNeverWrittenInto() throws Exception {
        Path out = dir.resolve("thesis");
        Files.createDirectories(out);
        Files.writeString(out.resolve("thesis.tex"), "x");
        RouteCommandTest.Run r = run(out, "--force");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("thesis.tex") && r.err().contains("never deletes"), r.err());
        assertEquals(List.of("thesis.tex"), names(out));
        assertEquals("x", Files.readString(out.resolve("thesis.tex")));
    }

    /**
     * The output is checked before anything else: with an unwritable --out and a network file that does not exist,
     * the error is the output's (the network would have been read first if the check came after the work).
     */
    @Test
    void anUnwritableOutIsFoundBeforeAnyWork() throws Exception {
        Path file = dir.resolve("plain-file");
        Files.writeString(file, "x");
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "network:\n  file: does-not-exist.json\n");
        RouteCommandTest.Run r = RouteCommandTest.run("run", config.toString(), "--quiet", "--out",
                file.resolve("out").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("cannot write here") && !r.err().contains("does-not-exist"), r.err());
    }

    /**
     * Issue 22: {@code balances.split: file} on a generated network (it states no balances) is exit 2 naming the key,
     * and nothing is written.
     */
    @Test
    void fileBalancesWithoutAFileAreExitTwo() throws Exception {
        Path out = dir.resolve("nobalances");
        RouteCommandTest.Run r = run(out, "--set", "balances.split=file");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("balances.split") && r.err().contains("states none"), r.err());
        assertTrue(!Files.exists(out.resolve("summary.md")), "nothing written");
    }

    /**
     * Issue 22: the generator's policy draw is named in the error when bad, and a fit file without node_policies
     * (written before it) is refused for the default 'node' draw, naming the key; so is a fit without top_degrees
     * for the default fitted topology, and a bad topology value.
     */
    @Test
    void badPolicyDrawsAreExitTwoNamingTheKey() throws Exception {
        RouteCommandTest.Run r = run(dir.resolve("p1"), "--set", "network.generate.policies=snapshot");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("policies"), r.err());
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        org.lnsim.network.generate.McpDefaults.load().write(buf);
        String json = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        Path old = dir.resolve("old-fit.json");
        Files.writeString(old, json.substring(0, json.indexOf(",\n  \"node_policies\"")) + "\n}\n");
        r = run(dir.resolve("p2"), "--set", "network.generate.fit=" + old);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("network.generate.policies") && r.err().contains("has no node_policies"),
                r.err());
        // that fit has no top_degrees either: the default fitted topology is refused, naming its key
        r = run(dir.resolve("p3"), "--set", "network.generate.fit=" + old, "--set",
                "network.generate.policies=direction");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("network.generate.topology") && r.err().contains("has no top_degrees"),
                r.err());
        assertEquals(0, run(dir.resolve("p4"), "--set", "network.generate.fit=" + old, "--set",
                "network.generate.policies=direction", "--set", "network.generate.topology=mcp").code());
        r = run(dir.resolve("p5"), "--set", "network.generate.topology=hubs");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("topology"), r.err());
    }

    /**
     * Issue 21, defect 6: a missing trace or amount file, or a trace that is a folder, exited 1 printing only the path
     * or "Is a directory"; now exit 2 naming the file and the reason.
     */
    @Test
    void missingInputFilesAreExitTwoWithTheReason() throws Exception {
        Path config = dir.resolve("trace.yaml");
        Files.writeString(config, "workload:\n  trace: nowhere.csv\n");
        RouteCommandTest.Run r = RouteCommandTest.run("run", config.toString(), "--quiet", "--out",
                dir.resolve("o1").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("nowhere.csv: no such file"), r.err());
        Files.createDirectories(dir.resolve("afolder"));
        Files.writeString(config, "workload:\n  trace: afolder\n");
        r = RouteCommandTest.run("run", config.toString(), "--quiet", "--out", dir.resolve("o2").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("afolder: is a folder; a file is expected here"), r.err());
        Files.writeString(config, "workload:\n  amount: {distribution: empirical, file: none.txt}\n");
        r = RouteCommandTest.run("run", config.toString(), "--quiet", "--out", dir.resolve("o3").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("none.txt: no such file"), r.err());
    }

    /**
     * Issue 21, defect 11: a network with no usable channel, or one channel known in one direction only, has no two
     * nodes that can pay and be paid; the run used to end in "internal error" with a stack trace. Two CLoTH folders
     * written by hand: no channels at all, and one channel A–B with only A's direction. One channel known both ways
     * runs (exit 0).
     */
    @Test
    void aNetworkWithoutTwoUsableEndpointsIsExitTwo() throws Exception {
        String edges = "id,channel_id,counter_edge_id,from_node_id,to_node_id,balance,fee_base,fee_proportional,"
                + "min_htlc,timelock\n";
        String[][] cases = {
            {"none", "", "", "0 channels, and 0 nodes have a usable channel in each direction"},
            {"oneway", "0,0,1,0,1,50000000\n", "0,0,1,0,1,25000000,1000,1,1000,144\n",
                "1 channel, and 0 nodes have a usable channel in each direction"},
            {"both", "0,0,1,0,1,50000000\n", "0,0,1,0,1,25000000,1000,1,1000,144\n"
                + "1,0,0,1,0,25000000,1000,1,1000,144\n", null}};
        for (String[] c : cases) {
            Path net = dir.resolve(c[0]);
            Files.createDirectories(net);
            Files.writeString(net.resolve("nodes_ln.csv"), "id\n0\n1\n");
            Files.writeString(net.resolve("channels_ln.csv"), "id,edge1_id,edge2_id,node1_id,node2_id,capacity\n"
                    + c[1]);
            Files.writeString(net.resolve("edges_ln.csv"), edges + c[2]);
            Path config = dir.resolve(c[0] + ".yaml");
            Files.writeString(config, "network:\n  file: " + c[0] + "\nworkload:\n  payments: 5\n");
            RouteCommandTest.Run r = RouteCommandTest.run("run", config.toString(), "--quiet", "--out",
                    dir.resolve("out-" + c[0]).toString());
            if (c[3] == null) {
                assertEquals(0, r.code(), r.err());
                continue;
            }
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains(net + ": " + c[3]) && !r.err().contains("internal error"), r.err());
            assertTrue(Files.notExists(dir.resolve("out-" + c[0])), "nothing written");
        }
    }

    /**
     * Issue 21, defect 11: 100,000,000 payments used to end in a raw OutOfMemoryError; the estimate (about 29 GiB,
     * above the tests' 2 GiB heap) refuses the run before a payment is drawn, so this test allocates nothing large.
     */
    @Test
    void aRunThatCannotFitIsRefusedBeforeItsPaymentsAreDrawn() {
        RouteCommandTest.Run r = RouteCommandTest.run("run", "--quiet", "--out", dir.resolve("big").toString(),
                "--set", "network.generate.channels=1000", "--set", "workload.payments=100000000");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("workload.payments: 100,000,000 payments × 2 protocols on ")
                && r.err().contains("LNSIM_JAVA_OPTS=-Xmx"), r.err());
        assertTrue(Files.notExists(dir.resolve("big")), "nothing written");
    }

    /**
     * Issue 21, defect 9: more merchants than nodes that can pay and be paid were silently cut to all of them; now
     * exit 2 naming the key. A single merchant receiving every payment (share 1) made the workload draw loop forever
     * on the merchant's own payments; now exit 2 at configuration time.
     */
    @Test
    void merchantsMustFitTheNetwork() throws Exception {
        Path net = dir.resolve("pair");
        Files.createDirectories(net);
        Files.writeString(net.resolve("nodes_ln.csv"), "id\n0\n1\n");
        Files.writeString(net.resolve("channels_ln.csv"), "id,edge1_id,edge2_id,node1_id,node2_id,capacity\n"
                + "0,0,1,0,1,50000000\n");
        Files.writeString(net.resolve("edges_ln.csv"), "id,channel_id,counter_edge_id,from_node_id,to_node_id,"
                + "balance,fee_base,fee_proportional,min_htlc,timelock\n0,0,1,0,1,25000000,1000,1,1000,144\n"
                + "1,0,0,1,0,25000000,1000,1,1000,144\n");
        Path config = dir.resolve("m.yaml");
        Files.writeString(config, "network:\n  file: pair\nworkload:\n  payments: 5\n  endpoints:\n"
                + "    choice: merchants\n");
        RouteCommandTest.Run r = RouteCommandTest.run("run", config.toString(), "--quiet", "--out",
                dir.resolve("o1").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("workload.endpoints.merchants: 100 merchants, but only 2 nodes of " + net),
                r.err());
        r = RouteCommandTest.run("run", config.toString(), "--quiet", "--out", dir.resolve("o2").toString(), "--set",
                "workload.endpoints.merchants=2");
        assertEquals(0, r.code(), r.err());
        r = RouteCommandTest.run("run", config.toString(), "--quiet", "--out", dir.resolve("o3").toString(), "--set",
                "workload.endpoints.merchants=1", "--set", "workload.endpoints.merchant_share=1");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("workload.endpoints.merchant_share: 1 with a single merchant"), r.err());
    }
}
