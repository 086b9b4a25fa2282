package org.lnsim.network.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Opens input files, decompressing gzip transparently (detected from the magic bytes, not the name). Gzip is read
 * strictly: concatenated members are read as one stream (as gzip(1) does), but anything after the last member, a
 * CRC or length mismatch, or a damaged member is a {@link ZipException} (a truncated one an
 * {@link java.io.EOFException}), which every reader reports as corrupt data in the file. The JDK's
 * {@code GZIPInputStream} ignores trailing data (issue 21, defect 9), so Commons Compress decodes each member.
 */
public final class Inputs {
    /** How much of a file's start format probes get to see. */
    public static final int HEAD_BYTES = 64 * 1024;

    private Inputs() {
    }

    /** How often {@link #open(Path, ReadProgress)} reports: every 4 MiB of the file. */
    public static final long PROGRESS_STEP = 4L << 20;

    /** A buffered stream of the file's content, gunzipped if the file is gzip. */
    public static InputStream open(Path file) throws IOException {
        return open(file, ReadProgress.NONE);
    }

    /** {@link #open(Path)}, reporting how much of the file has been read to {@code progress}. */
    public static InputStream open(Path file, ReadProgress progress) throws IOException {
        return open(file, progress, true);
    }

    /** The file's content with gzip decoded leniently (the JDK's decoder), for format sniffing only. */
    static InputStream openLenient(Path file) throws IOException {
        return open(file, ReadProgress.NONE, false);
    }

    /**
     * @param strict gzip decoded strictly ({@link StrictGzip}), or leniently by the JDK for {@link #head}: format
     *               sniffing wants what decompresses before any damage, which the strict decoder may discard with
     *               the read that meets it; the reader then reports the damage
     */
    private static InputStream open(Path file, ReadProgress progress, boolean strict) throws IOException {
        // a missing file, a folder or an unreadable file is the user's to fix: exit 2 naming it (issue 21, defect 6)
        if (Files.isDirectory(file)) {
            throw new NetworkFormatException(file, null, "is a folder; a file is expected here");
        }
        InputStream fileStream;
        try {
            fileStream = Files.newInputStream(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NetworkFormatException(file, null, "no such file", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new NetworkFormatException(file, null, "cannot read it: permission denied", e);
        }
        if (progress != ReadProgress.NONE) {
            fileStream = new Counting(fileStream, file, Files.size(file), progress);
        }
        InputStream raw = new BufferedInputStream(fileStream, 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            InputStream gz = strict ? new StrictGzip(raw) : new java.util.zip.GZIPInputStream(raw, 1 << 16);
            return new BufferedInputStream(gz, 1 << 16);
        }
        return raw;
    }

    /**
     * Gzip read member by member with Commons Compress, which stops exactly at a member's end: another member
     * follows, or the file ends, or what follows is an error ({@code ZipException}). Its other errors (plain
     * IOExceptions) become ZipExceptions too; end-of-input inside a member stays an {@link java.io.EOFException}.
     */
    private static final class StrictGzip extends InputStream {
        /**
         * At most this many bytes a call: Commons Compress fills the whole request before it returns and loses it
         * when it meets damage, so small steps let a reader parse up to about 4 KiB before a truncation and name the
         * record where the file ends.
         */
        private static final int STEP = 4096;
        private final InputStream raw;
        private InputStream member;

        /**
         * @param raw the file's bytes, standing on a gzip magic; must support mark (a BufferedInputStream). The first
         *            member's header is read by the first {@link #read}, not here: a file cut inside it then fails
         *            where the readers report damage with its location (issue 21, defect 13: the EOFException of
         *            the eager header read escaped a CLoTH folder's reader from {@link Inputs#open})
         */
        StrictGzip(InputStream raw) {
            this.raw = raw;
        }

        /** For {@link #read()}: one byte without an allocation per call. */
        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            try {
                if (member == null) {
                    member = new GzipCompressorInputStream(raw, false);
                }
                while (true) {
                    int n = member.read(b, off, Math.min(len, STEP));
                    if (n >= 0) {
                        return n;
                    }
                    raw.mark(2);
                    int b0 = raw.read();
                    if (b0 < 0) {
                        return -1;
                    }
                    int b1 = raw.read();
                    raw.reset();
                    if (b0 != 0x1f || b1 != 0x8b) {
                        throw new ZipException("data after the last gzip member");
                    }
                    member = new GzipCompressorInputStream(raw, false);
                }
            } catch (java.io.EOFException | ZipException e) {
                throw e;
            } catch (IOException e) {
                ZipException z = new ZipException(e.getMessage());
                z.initCause(e);
                throw z;
            }
        }

        @Override
        public void close() throws IOException {
            raw.close();
        }
    }

    /**
     * Counts the bytes read from a file and reports them every {@link #PROGRESS_STEP} bytes; closing reports the file
     * as done (a parser may stop before the last bytes, e.g. a gzip trailer).
     */
    private static final class Counting extends java.io.FilterInputStream {
        private final String name;
        private final long size;
        private final ReadProgress progress;
        private long read;
        private long reported;

        Counting(InputStream in, Path file, long size, ReadProgress progress) {
            super(in);
            this.name = String.valueOf(file.getFileName());
            this.size = size;
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(n);
            return n;
        }

        @Override
        public void close() throws IOException {
            super.close();
            progress.update(name, size, size);
        }

        private void count(int n) {
            if (n > 0) {
                read += n;
            }
            if (n < 0 || read - reported >= PROGRESS_STEP) {
                reported = read;
                progress.update(name, read, size);
            }
        }
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
        try (InputStream in = open(path, ReadProgress.NONE, false)) {
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
