package org.lnsim.network.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropagationMode;
import org.lnsim.network.ChannelGraph;

/**
 * Property-based fuzzing of the amount-file reader ({@link AmountsFile}, {@code workload.amount.file}; issue 21,
 * "Fuzzing"), as {@link ReaderFuzzTest} does the network readers: {@link AmountsFile#read} returns at least one
 * amount, each from 1 msat to the supply, or throws a {@link NetworkFormatException} naming the file; anything else
 * fails the try. One property mutates a real-looking file with {@link Mutator}, one generates lines from numbers of
 * every form (huge and tiny exponents, signs, fractions, hex, words, long digit runs). Fixed seeds; tries from
 * {@code -Dfuzz.tries} ({@link FuzzTries}). Writing it found a line {@code 1e99999999} hanging the reader (it scaled
 * the number before bounding it).
 */
@AddLifecycleHook(value = FuzzTries.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class AmountsFileFuzzTest {
    /** Amounts as a user would write them: sat, decimals, a comment, a blank line, CRLF on one line. */
    private static final byte[] SAMPLE = ("# amounts in sat\n1000\n250.5\n0.001\n\n21000\r\n1e5\n  42  \n"
            + "2100000000000000\n").getBytes(StandardCharsets.UTF_8);
    private static final String[] FORMS = {"1e99999999", "1e-99999999", "-1e99999999", "0.0005", "0.0006", "0.001",
        "0.0004999", "2100000000000000.0004", "2100000000000000.0005", "2100000000000001", "1E+3", "1e", ".5", "5.",
        "+7", "-0", "0e10", "00000000000000000000000000000000000000000000000000000000000000000000001", "1_000",
        "0x10", "NaN", "Infinity", "1,5", "١٢٣", "12 34", "#", "# 1", "\u00a01", "\u0000", "1\u0000"};
    private static Path work;
    private static final Map<String, long[]> STATS = new java.util.TreeMap<>();

    @BeforeContainer
    static void setUp() throws IOException {
        work = Files.createTempDirectory("lnsim-fuzz-amounts");
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try (var s = Files.walk(work)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        STATS.forEach((k, v) -> System.out.printf(java.util.Locale.ROOT,
                "fuzz %-20s %8d tries %8d accepted %8d refused%n", k, v[0], v[1], v[2]));
    }

    @Property(seed = "2121", shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void amountsMutated(@ForAll long seed) {
        Mutator m = new Mutator(seed, "#", "sat", "msat");
        assertContract("amountsMutated", seed, m.mutate(SAMPLE));
    }

    @Property(seed = "2122", shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void amountsGenerated(@ForAll long seed) {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int lines = rnd.nextInt(6); lines >= 0; lines--) {
            String v = switch (rnd.nextInt(5)) {
                case 0 -> FORMS[rnd.nextInt(FORMS.length)];
                case 1 -> Mutator.NUMBERS[rnd.nextInt(Mutator.NUMBERS.length)];
                case 2 -> Long.toString(rnd.nextLong());
                case 3 -> rnd.nextInt(1_000_000) + "." + rnd.nextInt(10_000) + (rnd.nextBoolean() ? "" : "e"
                        + (rnd.nextInt(41) - 20));
                default -> "9".repeat(1 + rnd.nextInt(200));
            };
            sb.append(v).append(rnd.nextInt(5) == 0 ? "\r\n" : "\n");
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        assertContract("amountsGenerated", seed, rnd.nextInt(5) == 0 ? Mutator.gzip(b) : b);
    }

    private static synchronized void count(String property, int outcome) {
        long[] v = STATS.computeIfAbsent(property, k -> new long[3]);
        v[0]++;
        v[outcome]++;
    }

    private static void assertContract(String property, long seed, byte[] content) {
        Path file = work.resolve("amounts.txt");
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long[] amounts;
        try {
            amounts = AmountsFile.read(file);
        } catch (NetworkFormatException e) {
            if (!e.getMessage().contains("amounts.txt")) {
                throw failure(property, seed, content, "the message does not name the file: " + e.getMessage(), e);
            }
            count(property, 2);
            return;
        } catch (Throwable t) {
            throw failure(property, seed, content, "not a NetworkFormatException: " + t, t);
        }
        count(property, 1);
        if (amounts.length == 0) {
            throw failure(property, seed, content, "accepted a file without amounts", null);
        }
        for (long a : amounts) {
            if (a < 1 || a > ChannelGraph.MAX_MSAT) {
                throw failure(property, seed, content, "accepted an amount of " + a + " msat", null);
            }
        }
    }

    private static AssertionError failure(String property, long seed, byte[] content, String what, Throwable cause) {
        Path saved = Path.of("target", "fuzz-failures", property + "-" + seed, "amounts.txt");
        try {
            Files.createDirectories(saved.getParent());
            Files.write(saved, content);
        } catch (IOException e) {
            saved = Path.of("(not saved: " + e + ")");
        }
        return new AssertionError(property + " seed " + seed + ": " + what + "; input saved in "
                + saved.toAbsolutePath(), cause);
    }
}
