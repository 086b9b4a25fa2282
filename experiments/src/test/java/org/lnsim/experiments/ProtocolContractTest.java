package org.lnsim.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.engine.htlc.HtlcPath;
import org.lnsim.engine.payment.Knowledge;
import org.lnsim.engine.payment.OracleView;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.engine.payment.ViewRefusedException;
import org.lnsim.protocols.settings.Key;
import org.lnsim.protocols.settings.ProtocolSpec;
import org.lnsim.results.run.ProtocolRun;
import org.lnsim.results.run.RunOutputs;

/**
 * The contract every routing scheme keeps, checked for <b>every protocol in {@link ProtocolRegistry}</b> — and, for
 * each whose spec has a {@code split} key, its splitting variant too. The protocol list is read from the registry,
 * so a newly registered scheme is covered by this test with no edit here.
 *
 * <p>On a small generated network with a small workload, each protocol is run twice (one thread, then two, so work a
 * protocol computes ahead on other threads is covered) with the invariant checks of {@code --check-invariants} on,
 * and:
 * <ul>
 *   <li><b>funds are conserved</b>: after every event each touched channel's balances and HTLCs in flight add up to
 *       its capacity, and at the end nothing is left in flight (the runner's checks; a violation throws);</li>
 *   <li><b>it is deterministic under a fixed seed</b>: every output file but {@code timings.csv} is byte-identical
 *       between the two runs;</li>
 *   <li><b>every payment ends exactly once</b>: one outcome per payment id, no id twice, none missing;</li>
 *   <li><b>no route is longer than the hop limit</b>: every attempt the protocol sends is recorded, and none has more
 *       hops than the protocol's own {@code max_hops} setting where it has one, else BOLT 4's 27 (the most hops a
 *       1,300-byte onion carries with minimal TLV payloads; 20 with the legacy fixed-size payloads);</li>
 *   <li><b>the knowledge rule holds</b>: a protocol that declares {@link Knowledge#PUBLIC_GRAPH} asking its payment
 *       context for the {@link OracleView} is refused with {@link ViewRefusedException}, and one that declares
 *       {@link Knowledge#TRUE_BALANCES} is granted it.</li>
 * </ul>
 */
class ProtocolContractTest {
    /** BOLT 4: at most 27 hops fit a 1,300-byte onion (20 with the legacy fixed 65-byte hop payloads). */
    static final int BOLT4_MAX_HOPS = 27;

    private static final String SMALL = """
            seed: 11
            network: {generate: {channels: 1000, max_channels: 200}}
            workload: {payments: 150, rate_per_s: 20, amount: {distribution: lognormal, median_sat: 20000, sigma: 1.5}}
            """;

    /** What a run saw of each protocol (keyed by display name), through the runner's observation hook. */
    private static final class Seen {
        final Map<String, List<HtlcPath>> sent = new ConcurrentHashMap<>();
        final Map<String, Integer> maxHops = new ConcurrentHashMap<>();
        final Map<String, List<String>> oracleAnswers = new ConcurrentHashMap<>();
        final Map<String, Knowledge> knowledge = new ConcurrentHashMap<>();

        /** Wraps the protocol so that its payment contexts record what it sends and try the oracle view once. */
        RoutingProtocol observe(ProtocolRegistry.Entry entry, RoutingProtocol protocol) {
            String name = entry.displayName();
            JsonNode hops = entry.config().get(MAX_HOPS);
            maxHops.put(name, hops != null && hops.isInt() ? hops.intValue() : BOLT4_MAX_HOPS);
            knowledge.put(name, protocol.knowledge());
            List<HtlcPath> paths = java.util.Collections.synchronizedList(new ArrayList<>());
            List<String> answers = java.util.Collections.synchronizedList(new ArrayList<>());
            sent.put(name, paths);
            oracleAnswers.put(name, answers);
            InvocationHandler onProtocol = (proxy, method, args) -> {
                if (method.getName().equals("open")) {
                    PaymentContext ctx = (PaymentContext) args[0];
                    answers.add(askOracle(ctx));
                    args = new Object[] {recording(ctx, paths)};
                }
                return forward(method, protocol, args);
            };
            return (RoutingProtocol) Proxy.newProxyInstance(RoutingProtocol.class.getClassLoader(),
                    new Class<?>[] {RoutingProtocol.class}, onProtocol);
        }
    }

    private static final String MAX_HOPS = "max_hops";

    /**
     * Protocols that refuse a network without CLoTH's initial balances (exit 2, {@code ClothChecks}): they keep the
     * contract on the shipped CLoTH snapshot instead ({@link #clothFieldProtocolsKeepTheContract}).
     */
    static final Set<String> NEEDS_CLOTH_FIELDS = Set.of("cloth");

    private static final String CLOTH = """
            seed: 11
            network: {file: '%s'}
            balances: {reserve_fraction: 0}
            latency: {model: cloth}
            engine: {receiver: claims_early}
            workload: {payments: 150, rate_per_s: 20, amount: {distribution: lognormal, median_sat: 20000, sigma: 1.5}}
            """.formatted(Path.of("../data/snapshots/cloth-snapshot-2020").toAbsolutePath().normalize());

    /** "granted" or "refused: …"; asking has no effect on the run. */
    private static String askOracle(PaymentContext ctx) {
        try {
            ctx.view(OracleView.class);
            return "granted";
        } catch (ViewRefusedException e) {
            return "refused: " + e.getMessage();
        }
    }

    /** A payment context that records every path sent through it; every other call goes through unchanged. */
    private static PaymentContext recording(PaymentContext ctx, List<HtlcPath> paths) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().equals("send")) {
                paths.add((HtlcPath) args[0]);
            }
            return forward(method, ctx, args);
        };
        return (PaymentContext) Proxy.newProxyInstance(PaymentContext.class.getClassLoader(),
                new Class<?>[] {PaymentContext.class}, h);
    }

    private static Object forward(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Every registered protocol by name, then the split variant of each whose spec has a {@code split} key. */
    static List<Object> everyProtocol() {
        List<Object> list = new ArrayList<>();
        List<ProtocolSpec<?>> specs = ProtocolRegistry.specs().stream()
                .filter(spec -> !NEEDS_CLOTH_FIELDS.contains(spec.name())).toList();
        specs.forEach(spec -> list.add(spec.name()));
        for (ProtocolSpec<?> spec : specs) {
            if (spec.keys().stream().map(Key::name).anyMatch("split"::equals)) {
                list.add(Map.of("name", spec.name(), "split", "cl"));
            }
        }
        return list;
    }

    private static ExperimentSettings config() throws Exception {
        return config(SMALL, everyProtocol());
    }

    private static ExperimentSettings config(String yaml, List<?> protocols) throws Exception {
        ObjectNode tree = (ObjectNode) Configs.yaml().readTree(yaml);
        tree.set("protocols", Configs.yaml().valueToTree(protocols));
        return ConfigSchema.resolve(tree, "contract");
    }

    private static ExperimentRunner.Result run(ExperimentSettings cfg, Path dir, int threads, Seen seen)
            throws Exception {
        ExperimentRunner.Result r = ExperimentRunner.run(cfg, dir, true, threads, ExperimentRunner.Progress.NONE,
                seen::observe);
        r.write(dir, cfg, "contract", "lnsim test");
        return r;
    }

    @Test
    void everyRegisteredProtocolKeepsTheContract(@TempDir Path tmp) throws Exception {
        ExperimentSettings cfg = config();
        Seen first = checkContract(cfg, tmp);
        List<String> names = new ArrayList<>();
        cfg.protocols().forEach(e -> names.add(e.displayName()));
        assertTrue(names.size() > ProtocolRegistry.specs().size() - NEEDS_CLOTH_FIELDS.size(),
                "split variants included: " + names);
        Map<Knowledge, Integer> byKnowledge = new TreeMap<>();
        first.knowledge.values().forEach(k -> byKnowledge.merge(k, 1, Integer::sum));
        assertEquals(2, byKnowledge.size(), "both knowledge levels are exercised: " + byKnowledge);
    }

    /** The protocols that need CLoTH's fields, on CLoTH's own snapshot (its initial balances), with the same checks. */
    @Test
    void clothFieldProtocolsKeepTheContract(@TempDir Path tmp) throws Exception {
        List<String> names = ProtocolRegistry.specs().stream().map(ProtocolSpec::name)
                .filter(NEEDS_CLOTH_FIELDS::contains).toList();
        assertEquals(NEEDS_CLOTH_FIELDS, Set.copyOf(names), "every such protocol is registered");
        checkContract(config(CLOTH, names), tmp);
    }

    /** Runs {@code cfg} twice (1 thread, then 2) and checks the contract; the first run's observations. */
    private static Seen checkContract(ExperimentSettings cfg, Path tmp) throws Exception {
        Seen first = new Seen();
        Seen second = new Seen();
        ExperimentRunner.Result a = run(cfg, tmp.resolve("a"), 1, first);   // throws on a broken invariant
        run(cfg, tmp.resolve("b"), 2, second);

        List<String> names = new ArrayList<>();
        cfg.protocols().forEach(e -> names.add(e.displayName()));
        assertEquals(names, a.runs().stream().map(ProtocolRun::protocol).toList());

        // deterministic: every file but the wall-clock timings, byte for byte
        List<String> files;
        try (Stream<Path> s = Files.list(tmp.resolve("a"))) {
            files = s.map(p -> p.getFileName().toString()).filter(f -> !f.equals(RunOutputs.TIMINGS)).sorted()
                    .toList();
        }
        assertTrue(files.contains(RunOutputs.PAYMENTS) && files.contains(RunOutputs.NODE_STATE), files.toString());
        for (String f : files) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)),
                    Files.readAllBytes(tmp.resolve("b").resolve(f)), f + " differs between two runs of one seed");
        }

        for (ProtocolRun run : a.runs()) {
            String name = run.protocol();
            // every payment ends exactly once
            Set<Long> ids = new HashSet<>();
            for (PaymentOutcome o : run.outcomes()) {
                assertTrue(ids.add(o.payment().id()), name + ": payment " + o.payment().id() + " ended twice");
            }
            assertEquals(a.payments(), ids.size(), name + ": payments without an outcome");
            // no attempt longer than the hop limit
            List<HtlcPath> sent = first.sent.get(name);
            assertFalse(sent.isEmpty(), name + " sent no attempt: the workload does not exercise it");
            int limit = first.maxHops.get(name);
            for (HtlcPath p : sent) {
                assertTrue(p.hops() >= 1 && p.hops() <= limit, name + ": an attempt of " + p.hops()
                        + " hops, above its limit of " + limit);
            }
            assertEquals(sent.size(), second.sent.get(name).size(), name + ": attempts differ between runs");
            // the knowledge rule, enforced by the engine
            List<String> answers = first.oracleAnswers.get(name);
            assertEquals(a.payments(), answers.size(), name + ": one session per payment");
            String want = first.knowledge.get(name) == Knowledge.TRUE_BALANCES ? "granted" : "refused";
            for (String got : answers) {
                assertTrue(got.startsWith(want), name + " declares " + first.knowledge.get(name)
                        + ": the oracle view should be " + want + ", was " + got);
            }
        }
        return first;
    }
}
