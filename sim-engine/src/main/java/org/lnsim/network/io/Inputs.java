package org.lnsim.network.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens input files, decompressing gzip transparently (detected from the magic bytes, not the name). */
public final class Inputs {
    /** How much of a file's start format probes get to see. */
    public static final int HEAD_BYTES = 64 * 1024;

    private Inputs() {
    }

    /** A buffered stream of the file's content, gunzipped if the file is gzip. */
    public static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        return raw;
    }

    /**
     * Up to {@link #HEAD_BYTES} of the decompressed start of a file (empty for a folder). For a truncated or corrupt
     * gzip file it is what could be decompressed before the damage, so the format is still recognised and its reader
     * reports the damage with a location.
     */
    public static byte[] head(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return new byte[0];
        }
        byte[] buf = new byte[HEAD_BYTES];
        int n = 0;
        try (InputStream in = open(path)) {
            while (n < buf.length) {
                // small reads: a read that runs into the damage throws and loses what it had decompressed
                int r = in.read(buf, n, Math.min(4096, buf.length - n));
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            // keep the bytes decompressed so far
        }
        return java.util.Arrays.copyOf(buf, n);
    }

    /** The head as text with a leading UTF-8 BOM and whitespace removed, for JSON/CSV sniffing. */
    public static String headText(byte[] head) {
        String s = new String(head, java.nio.charset.StandardCharsets.UTF_8);
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1);
        }
        return s.stripLeading();
    }
}
