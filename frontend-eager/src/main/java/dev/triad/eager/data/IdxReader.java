package dev.triad.eager.data;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.io.CorruptFileException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of the MNIST family, plain or gzip-compressed (recognised by its magic
 * bytes, not by the file name):
 * <pre>
 *   2 bytes  zero
 *   1 byte   type code: 0x08 u8, 0x09 i8, 0x0B i16, 0x0C i32, 0x0D f32, 0x0E f64
 *   1 byte   number of dimensions
 *   4 bytes  per dimension, big-endian size
 *   rest     the elements, big-endian, row-major
 * </pre>
 * u8 becomes {@link DType#U8}, i8/i16/i32 become {@link DType#I32}, f32 and f64 stay as they
 * are; multi-byte values are converted to the little-endian layout of {@link HostArray}.
 * <p>
 * The header is validated before the data is read: a plain file's length must match the
 * header exactly, and a compressed file's data is read in growing chunks, so a header that
 * claims more than the stream really holds fails as truncated instead of allocating what it
 * claims.
 */
public final class IdxReader {
    private IdxReader() {}

    private static final String FORMAT = "idx";
    /** More dimensions than any IDX file in use; a larger count means a corrupt header. */
    private static final int MAX_RANK = 16;
    private static final int FIRST_CHUNK = 1 << 20;

    /** Reads the whole file. */
    public static HostArray read(Path file) throws IOException {
        long fileSize = Files.size(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read(), b1 = raw.read();
            raw.reset();
            boolean gz = b0 == 0x1f && b1 == 0x8b;
            InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw;
            try {
                return read(file, in, gz ? -1 : fileSize);
            } catch (ZipException | EOFException e) {
                throw new CorruptFileException(FORMAT, file, "the gzip stream is corrupt or truncated: " + e.getMessage(), e);
            }
        }
    }

    private static HostArray read(Path file, InputStream in, long plainSize) throws IOException {
        byte[] head = new byte[4];
        int got = in.readNBytes(head, 0, 4);
        if (got < 4) throw corrupt(file, "only " + got + " bytes, too short for the 4-byte IDX magic number");
        if (head[0] != 0 || head[1] != 0) {
            throw corrupt(file, String.format("not an IDX file: the magic number must start with two zero bytes, found 0x%02x 0x%02x", head[0] & 0xFF, head[1] & 0xFF));
        }
        int code = head[2] & 0xFF;
        int elemBytes;
        DType dtype;
        switch (code) {
            case 0x08 -> { elemBytes = 1; dtype = DType.U8; }
            case 0x09 -> { elemBytes = 1; dtype = DType.I32; }
            case 0x0B -> { elemBytes = 2; dtype = DType.I32; }
            case 0x0C -> { elemBytes = 4; dtype = DType.I32; }
            case 0x0D -> { elemBytes = 4; dtype = DType.F32; }
            case 0x0E -> { elemBytes = 8; dtype = DType.F64; }
            default -> throw corrupt(file, String.format("unknown IDX type code 0x%02x (expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)", code));
        }
        int rank = head[3] & 0xFF;
        if (rank < 1 || rank > MAX_RANK) throw corrupt(file, "IDX header declares " + rank + " dimensions (expected 1 to " + MAX_RANK + ")");
        byte[] dimBytes = new byte[4 * rank];
        got = in.readNBytes(dimBytes, 0, dimBytes.length);
        if (got < dimBytes.length) throw corrupt(file, "truncated header: " + rank + " dimensions need " + dimBytes.length + " bytes, found " + got);
        long[] dims = new long[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = ((dimBytes[4 * i] & 0xFFL) << 24) | ((dimBytes[4 * i + 1] & 0xFF) << 16) | ((dimBytes[4 * i + 2] & 0xFF) << 8) | (dimBytes[4 * i + 3] & 0xFF);
        }
        long count = elementCount(dims);
        // Host elements can be wider than IDX ones (i8 and i16 widen to i32): check both sizes.
        if (count > (Integer.MAX_VALUE - 8) / Math.max(elemBytes, dtype.byteSize())) {
            throw corrupt(file, "dimensions " + Arrays.toString(dims) + " describe more data than one host array can hold (corrupt header?)");
        }
        long dataBytes = count * elemBytes;
        long headerBytes = 4 + 4L * rank;
        if (plainSize >= 0 && plainSize != headerBytes + dataBytes) {
            String what = plainSize < headerBytes + dataBytes ? "truncated" : "has trailing bytes";
            throw corrupt(file, what + ": dimensions " + Arrays.toString(dims) + " need " + (headerBytes + dataBytes) + " bytes, the file has " + plainSize);
        }
        byte[] data = readExactly(file, in, (int) dataBytes, dims);
        if (in.read() >= 0) throw corrupt(file, "has trailing bytes after the " + dataBytes + " data bytes that dimensions " + Arrays.toString(dims) + " describe");
        return HostArray.wrap(new TensorType(dtype, Shape.of(dims)), toHost(data, code, (int) count, dtype));
    }

    /** The product of the dimensions, or {@code Long.MAX_VALUE} when it overflows. */
    private static long elementCount(long[] dims) {
        try {
            long n = 1;
            for (long d : dims) n = Math.multiplyExact(n, d);
            return n;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Reads {@code n} bytes, growing the buffer as data really arrives. */
    private static byte[] readExactly(Path file, InputStream in, int n, long[] dims) throws IOException {
        byte[] buf = new byte[Math.min(n, FIRST_CHUNK)];
        int filled = 0;
        while (filled < n) {
            if (filled == buf.length) buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
            int r = in.read(buf, filled, buf.length - filled);
            if (r < 0) throw corrupt(file, "truncated: dimensions " + Arrays.toString(dims) + " need " + n + " data bytes, found " + filled);
            filled += r;
        }
        return buf;
    }

    /** Big-endian IDX elements to little-endian host elements. */
    private static byte[] toHost(byte[] be, int code, int count, DType dtype) {
        return switch (code) {
            case 0x08 -> be;
            case 0x09 -> {
                byte[] out = new byte[count * 4];
                for (int i = 0; i < count; i++) putIntLE(out, i, be[i]);
                yield out;
            }
            case 0x0B -> {
                byte[] out = new byte[count * 4];
                for (int i = 0; i < count; i++) putIntLE(out, i, (short) (((be[2 * i] & 0xFF) << 8) | (be[2 * i + 1] & 0xFF)));
                yield out;
            }
            default -> {
                // i32, f32, f64: same width, reverse each element's bytes in place.
                int w = dtype.byteSize();
                for (int i = 0; i < count; i++) {
                    for (int a = i * w, b = a + w - 1; a < b; a++, b--) {
                        byte t = be[a];
                        be[a] = be[b];
                        be[b] = t;
                    }
                }
                yield be;
            }
        };
    }

    private static void putIntLE(byte[] out, int i, int v) {
        out[4 * i] = (byte) v;
        out[4 * i + 1] = (byte) (v >> 8);
        out[4 * i + 2] = (byte) (v >> 16);
        out[4 * i + 3] = (byte) (v >> 24);
    }

    private static CorruptFileException corrupt(Path file, String detail) {
        return new CorruptFileException(FORMAT, file, detail);
    }
}
