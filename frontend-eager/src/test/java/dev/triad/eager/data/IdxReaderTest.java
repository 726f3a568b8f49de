package dev.triad.eager.data;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.io.CorruptFileException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.triad.eager.data.IdxFiles.gzip;
import static dev.triad.eager.data.IdxFiles.idx;
import static dev.triad.eager.data.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {
    @TempDir
    Path dir;

    private HostArray roundTrip(byte[] raw, boolean gz) throws Exception {
        return IdxReader.read(write(dir, gz ? "x.gz" : "x", gz ? gzip(raw) : raw));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsUnsignedBytes(boolean gz) throws Exception {
        byte[] data = {0, 1, 2, (byte) 200, (byte) 255, 7};
        HostArray a = roundTrip(idx(0x08, new int[] {2, 3}, data), gz);
        assertEquals(DType.U8, a.dtype());
        assertEquals(Shape.of(2, 3), a.shape());
        assertArrayEquals(new long[] {0, 1, 2, 200, 255, 7}, a.toLongs());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void convertsBigEndianWiderTypes(boolean gz) throws Exception {
        ByteBuffer i32 = ByteBuffer.allocate(12).putInt(-5).putInt(70000).putInt(Integer.MIN_VALUE);
        assertArrayEquals(new long[] {-5, 70000, Integer.MIN_VALUE}, roundTrip(idx(0x0C, new int[] {3}, i32.array()), gz).toLongs());
        ByteBuffer f32 = ByteBuffer.allocate(8).putFloat(1.25f).putFloat(-3e7f);
        HostArray f = roundTrip(idx(0x0D, new int[] {1, 2}, f32.array()), gz);
        assertEquals(DType.F32, f.dtype());
        assertArrayEquals(new float[] {1.25f, -3e7f}, f.toFloats());
        ByteBuffer f64 = ByteBuffer.allocate(16).putDouble(Math.E).putDouble(-0.5);
        assertArrayEquals(new double[] {Math.E, -0.5}, roundTrip(idx(0x0E, new int[] {2}, f64.array()), gz).toDoubles());
        ByteBuffer i16 = ByteBuffer.allocate(4).putShort((short) -300).putShort((short) 300);
        HostArray s = roundTrip(idx(0x0B, new int[] {2}, i16.array()), gz);
        assertEquals(DType.I32, s.dtype());
        assertArrayEquals(new long[] {-300, 300}, s.toLongs());
        assertArrayEquals(new long[] {-1, 5}, roundTrip(idx(0x09, new int[] {2}, new byte[] {-1, 5}), gz).toLongs());
    }

    private void assertCorrupt(byte[] bytes, String expected) throws Exception {
        Path f = write(dir, "bad-" + System.nanoTime(), bytes);
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should contain '" + expected + "'");
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void rejectsBadHeaders() throws Exception {
        assertCorrupt(new byte[0], "too short for the 4-byte IDX magic");
        assertCorrupt(new byte[] {1, 0, 8, 1, 0, 0, 0, 0}, "magic number must start with two zero bytes");
        assertCorrupt(idx(0x07, new int[] {1}, new byte[1]), "unknown IDX type code 0x07");
        assertCorrupt(idx(0x08, new int[] {}, new byte[0]), "declares 0 dimensions");
        assertCorrupt(new byte[] {0, 0, 8, 2, 0, 0, 0, 1, 0, 0}, "truncated header");
        assertCorrupt(gzip(new byte[] {0, 0, 8, 2, 0, 0, 0, 1, 0, 0}), "truncated header");
    }

    @Test
    void rejectsTruncatedAndOverlongData() throws Exception {
        byte[] good = idx(0x08, new int[] {4, 4}, new byte[16]);
        assertCorrupt(Arrays.copyOf(good, good.length - 1), "truncated: dimensions [4, 4] need 28 bytes, the file has 27");
        assertCorrupt(Arrays.copyOf(good, good.length + 2), "has trailing bytes");
        assertCorrupt(gzip(Arrays.copyOf(good, good.length - 1)), "truncated: dimensions [4, 4] need 16 data bytes, found 15");
        assertCorrupt(gzip(Arrays.copyOf(good, good.length + 2)), "has trailing bytes");
        byte[] gz = gzip(good);
        assertCorrupt(Arrays.copyOf(gz, gz.length - 6), "gzip stream is corrupt or truncated");
        byte[] flipped = gz.clone();
        flipped[12] ^= 0x55;
        Path f = write(dir, "flipped", flipped);
        assertThrows(CorruptFileException.class, () -> IdxReader.read(f));
    }

    @Test
    void aHeaderClaimingHugeDataFailsWithoutAllocatingIt() throws Exception {
        // 60000 x 28 x 28 x 1000 elements would be 47 GB: refused from the header alone.
        assertCorrupt(gzip(idx(0x08, new int[] {60000, 28, 28, 1000}, new byte[10])), "more data than one host array can hold");
        // 1.9 GB is under the array limit: a tiny gz file claiming it fails as truncated after
        // reading what is really there, without allocating 1.9 GB first.
        long before = Runtime.getRuntime().totalMemory();
        assertCorrupt(gzip(idx(0x08, new int[] {1_900_000_000}, new byte[100])), "truncated");
        assertTrue(Runtime.getRuntime().totalMemory() - before < 1_000_000_000L, "no huge allocation");
        assertCorrupt(idx(0x0C, new int[] {100_000, 100_000}, new byte[8]), "more data than one host array can hold");
    }
}
