package org.lnsim.network.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Mutations of an input file's bytes for the reader fuzz properties, all drawn from one {@link Random} so that a
 * try is reproduced by its seed: truncation, bit flips and byte changes, inserted, deleted and duplicated ranges and
 * lines, numbers replaced by huge, negative, fractional or boundary values, values replaced by another JSON type,
 * fields inserted, deep nesting, and at the end the file's encoding: a UTF-8 BOM, UTF-16, invalid UTF-8, or gzip
 * (whole, truncated, with trailing bytes, or as several members).
 *
 * <p>Text mutations work on the bytes read as ISO-8859-1 (one char per byte), so they never repair or change bytes
 * they do not touch.
 */
final class Mutator {
    /** Numbers substituted for a number in the input: type and supply boundaries, signs, fractions, exponents. */
    static final String[] NUMBERS = {"0", "-1", "1", "-0", "2147483647", "2147483648", "-2147483649", "4294967295",
            "4294967296", "65535", "65536", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "-9223372036854775809", "18446744073709551615", "99999999999999999999999999", "2100000000000000",
            "2100000000000001", "2100000000000000000", "2100000000000000001", "2100000000000000000000", "1.5", "1e3",
            "1E400", "-1e-400", "0x10", "1_000", "+5", "007", "NaN", "Infinity", "1000msat", "-1000msat", "msat", ""};
    /** Values of every JSON type for type swaps and inserted fields. */
    static final String[] VALUES = {"null", "true", "false", "0", "-1", "\"\"", "\"x\"", "\"-5\"", "\"1.5\"",
            "\"9223372036854775808\"", "\"18446744073709551615msat\"", "[]", "{}", "[1,2]", "{\"a\":1}",
            "\"\\u0000\"", "\"\\ud800\"", "\"02ff\"", "1e999", "[null]", "\"0x0x0\"", "\"1x2x3\"", "\"99999999x1x1\""};

    private final Random rnd;
    private final String[] keys;

    /**
     * @param seed the try's seed
     * @param keys field or column names of the format, for inserted fields and headers
     */
    Mutator(long seed, String... keys) {
        this.rnd = new Random(seed);
        this.keys = keys;
    }

    Random random() {
        return rnd;
    }

    /** One to four content mutations (one in half the tries), then perhaps a change of encoding. */
    byte[] mutate(byte[] input) {
        byte[] b = input;
        int ops = rnd.nextBoolean() ? 1 : 1 + rnd.nextInt(4); // single changes often, to get past the parser
        for (int i = 0; i < ops; i++) {
            b = once(b);
        }
        return rnd.nextInt(4) == 0 ? encode(b) : b;
    }

    /** One content mutation. */
    byte[] once(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int len = b.length;
        switch (rnd.nextInt(16)) {
            case 0:
                return java.util.Arrays.copyOf(b, len == 0 ? 0 : rnd.nextInt(len));
            case 1: {
                if (len == 0) {
                    return b;
                }
                byte[] c = b.clone();
                int i = rnd.nextInt(len);
                c[i] ^= (byte) (1 << rnd.nextInt(8));
                return c;
            }
            case 2: {
                if (len == 0) {
                    return b;
                }
                byte[] c = b.clone();
                int k = 1 + rnd.nextInt(8);
                for (int j = 0; j < k; j++) {
                    c[rnd.nextInt(len)] = (byte) pick(new int[] {0, 0xff, 0x7f, 0x80, '"', ',', '{', '}', '[', ']',
                            ':', '\n', '\r', '-', '0', '9', 'x', ' ', 0xc3, 0xed, rnd.nextInt(256)});
                }
                return c;
            }
            case 3:
                return latin(insert(s, rnd.nextInt(len + 1), randomBytes(1 + rnd.nextInt(12))));
            case 4: {
                if (len == 0) {
                    return b;
                }
                int from = rnd.nextInt(len);
                int to = Math.min(len, from + 1 + rnd.nextInt(rnd.nextBoolean() ? 16 : Math.max(1, len / 4)));
                return latin(s.substring(0, from) + s.substring(to));
            }
            case 5: {
                if (len == 0) {
                    return b;
                }
                int from = rnd.nextInt(len);
                int to = Math.min(len, from + 1 + rnd.nextInt(Math.max(1, len / 3)));
                return latin(insert(s, rnd.nextInt(len + 1), s.substring(from, to)));
            }
            case 6:
            case 7:
                return latin(replaceNumber(s));
            case 8:
                return latin(swapType(s));
            case 9:
                return latin(lineOp(s));
            case 10:
                return latin(lineOp(s));
            case 11:
                return latin(insertField(s));
            case 12:
                return latin(nest(s));
            case 13:
            case 14:
                return latin(csvField(s));
            default:
                return latin(insert(s, rnd.nextInt(len + 1), pick(new String[] {",", ",,", "\n", "\r", "\r\n\r\n",
                        "\"", "\\", "{", "}", "[", "]", ":", "\u0000", "\"a\":", "\t", "x"})));
        }
    }

    /** A new encoding of the whole file (gzip, BOM, UTF-16, invalid UTF-8) applied on top of the content. */
    byte[] encode(byte[] b) {
        switch (rnd.nextInt(10)) {
            case 0:
                return concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, b);
            case 1: {
                String text = new String(b, StandardCharsets.UTF_8);
                return text.getBytes(rnd.nextBoolean() ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16);
            }
            case 2: {
                byte[] bad = {(byte) 0xc3, (byte) 0x28, (byte) 0xff, (byte) 0xed, (byte) 0xa0, (byte) 0x80,
                        (byte) 0xf4, (byte) 0x90};
                int at = b.length == 0 ? 0 : rnd.nextInt(b.length);
                int k = 1 + rnd.nextInt(bad.length);
                byte[] c = new byte[b.length + k];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(bad, 0, c, at, k);
                System.arraycopy(b, at, c, at + k, b.length - at);
                return c;
            }
            case 3: {
                byte[] g = gzip(b);
                return java.util.Arrays.copyOf(g, rnd.nextInt(g.length));
            }
            case 4:
                return concat(gzip(b), randomBytes(1 + rnd.nextInt(8)).getBytes(StandardCharsets.ISO_8859_1));
            case 5: {
                int cut = b.length == 0 ? 0 : rnd.nextInt(b.length);
                return concat(gzip(java.util.Arrays.copyOf(b, cut)),
                        gzip(java.util.Arrays.copyOfRange(b, cut, b.length)));
            }
            case 6: {
                byte[] g = gzip(b);
                if (g.length > 18) {
                    int i = 10 + rnd.nextInt(g.length - 10);
                    g[i] ^= (byte) (1 << rnd.nextInt(8));
                }
                return g;
            }
            case 7:
                return gzip(gzip(b));
            default:
                return gzip(b);
        }
    }

    static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private String replaceNumber(String s) {
        List<int[]> runs = numberRuns(s);
        if (runs.isEmpty()) {
            return insert(s, rnd.nextInt(s.length() + 1), pick(NUMBERS));
        }
        int[] r = runs.get(rnd.nextInt(runs.size()));
        String with = rnd.nextInt(4) == 0 ? Long.toString(rnd.nextLong() >> rnd.nextInt(64)) : pick(NUMBERS);
        return s.substring(0, r[0]) + with + s.substring(r[1]);
    }

    /** Spans of digits (with a leading minus), the numbers and numeric strings of the input. */
    private static List<int[]> numberRuns(String s) {
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                int start = i > 0 && s.charAt(i - 1) == '-' ? i - 1 : i;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                runs.add(new int[] {start, i});
            } else {
                i++;
            }
        }
        return runs;
    }

    /** Replaces a JSON scalar (a string literal or a number) by a value of another type. */
    private String swapType(String s) {
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) == ' ') {
                    j++;
                }
                int k = j;
                if (k < s.length() && s.charAt(k) == '"') {
                    k++;
                    while (k < s.length() && s.charAt(k) != '"') {
                        k += s.charAt(k) == '\\' ? 2 : 1;
                    }
                    k = Math.min(s.length(), k + 1);
                } else {
                    while (k < s.length() && ",}]\n".indexOf(s.charAt(k)) < 0) {
                        k++;
                    }
                }
                if (k > j) {
                    spans.add(new int[] {j, k});
                    i = k - 1; // linear: a value is not scanned again from the colons inside it
                }
            }
        }
        if (spans.isEmpty()) {
            return csvField(s);
        }
        int[] r = spans.get(rnd.nextInt(spans.size()));
        return s.substring(0, r[0]) + pick(VALUES) + s.substring(r[1]);
    }

    /** Deletes, duplicates or swaps lines, or removes a line's field separator. */
    private String lineOp(String s) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        if (lines.size() < 2) {
            return s;
        }
        int i = rnd.nextInt(lines.size());
        int j = rnd.nextInt(lines.size());
        switch (rnd.nextInt(4)) {
            case 0:
                lines.remove(i);
                break;
            case 1:
                lines.add(j, lines.get(i));
                break;
            case 2:
                String t = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, t);
                break;
            default:
                lines.set(i, lines.get(i).replaceFirst(",", ""));
                break;
        }
        return String.join("\n", lines);
    }

    /** Inserts {@code "key": value,} after an opening brace: unknown fields, repeated fields, wrong types. */
    private String insertField(String s) {
        List<Integer> braces = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '{') {
                braces.add(i + 1);
            }
        }
        String key = keys.length == 0 || rnd.nextInt(4) == 0 ? "zz" + rnd.nextInt(10) : pick(keys);
        String field = "\"" + key + "\": " + pick(VALUES) + ",";
        if (braces.isEmpty()) {
            return insert(s, rnd.nextInt(s.length() + 1), field);
        }
        return insert(s, braces.get(rnd.nextInt(braces.size())), field);
    }

    /** Deep nesting: a value replaced by hundreds to a hundred thousand nested arrays or objects. */
    private String nest(String s) {
        int depth = pick(new int[] {50, 1000, 5000, 100_000});
        String open = rnd.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String deep = open.repeat(depth) + "1" + (rnd.nextBoolean() ? close.repeat(depth) : "");
        int colon = s.indexOf(':', s.length() == 0 ? 0 : rnd.nextInt(s.length()));
        if (colon < 0) {
            return rnd.nextBoolean() ? deep : insert(s, 0, deep);
        }
        return insert(s, colon + 1, deep + ",");
    }

    /** Changes a comma-separated field: an extreme number, text, empty, an extra or missing column, a header name. */
    private String csvField(String s) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        int i = rnd.nextInt(lines.size());
        String[] f = lines.get(i).split(",", -1);
        int k = rnd.nextInt(f.length);
        switch (rnd.nextInt(5)) {
            case 0:
                f[k] = pick(NUMBERS);
                break;
            case 1:
                f[k] = keys.length == 0 ? "id" : pick(keys);
                break;
            case 2:
                f[k] = f[k] + "," + pick(NUMBERS);
                break;
            case 3:
                f[k] = pick(new String[] {"", " ", "abc", "\"1\"", "1 2", "-", "(millisat)", "id(x)"});
                break;
            default:
                f[k] = Long.toString(rnd.nextLong() >> rnd.nextInt(64));
                break;
        }
        lines.set(i, String.join(",", f));
        return String.join("\n", lines);
    }

    private String randomBytes(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) rnd.nextInt(256));
        }
        return sb.toString();
    }

    String pick(String[] a) {
        return a[rnd.nextInt(a.length)];
    }

    int pick(int[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private static String insert(String s, int at, String what) {
        return s.substring(0, at) + what + s.substring(at);
    }

    private static byte[] latin(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
