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

    /** Up to {@link #HEAD_BYTES} of the decompressed start of a file (empty for a folder). */
    public static byte[] head(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return new byte[0];
        }
        try (InputStream in = open(path)) {
            return in.readNBytes(HEAD_BYTES);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            return new byte[0];
        }
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
