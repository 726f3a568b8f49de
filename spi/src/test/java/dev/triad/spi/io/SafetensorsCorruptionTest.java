package dev.triad.spi.io;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a safetensors file can be broken gives a CorruptFileException that says how. */
class SafetensorsCorruptionTest {
    @TempDir
    Path dir;

    private Path file(byte[] bytes) throws Exception {
        Path f = Files.createTempFile(dir, "bad", ".safetensors");
        Files.write(f, bytes);
        return f;
    }

    /** A file with the given header text and {@code dataBytes} zero bytes of data. */
    private Path withHeader(String header, int dataBytes) throws Exception {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return file(b.array());
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    private static void assertCorrupt(Path f, String expected) {
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should contain '" + expected + "'");
        assertTrue(e.getMessage().startsWith("safetensors: "), e.getMessage());
        assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
    }

    @Test
    void emptyAndShortFiles() throws Exception {
        assertCorrupt(file(new byte[0]), "too short for the 8-byte header length");
        assertCorrupt(file(new byte[5]), "too short for the 8-byte header length");
    }

    @Test
    void headerLengthBeyondTheFile() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(1_000_000);
        assertCorrupt(file(b.array()), "header length 1000000 exceeds the 12 bytes");
        // A length with the top bit set must not turn into a negative size or a huge allocation.
        b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(-8);
        assertCorrupt(file(b.array()), "header length 18446744073709551608 exceeds");
    }

    @Test
    void headerLargerThanTheCap() throws Exception {
        // A sparse file big enough that only the cap can refuse the header.
        Path f = dir.resolve("huge.safetensors");
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(Safetensors.MAX_HEADER_BYTES + 64);
            byte[] len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(Safetensors.MAX_HEADER_BYTES + 1).array();
            r.write(len);
        }
        assertCorrupt(f, "exceeds the 104857600-byte limit");
    }

    @Test
    void headerThatIsNotUtf8OrNotJson() throws Exception {
        byte[] bad = {8, 0, 0, 0, 0, 0, 0, 0, '{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        assertCorrupt(file(bad), "not valid UTF-8");
        assertCorrupt(withHeader("{\"a\":", 0), "not valid JSON");
        assertCorrupt(withHeader("[1,2,3]", 0), "not a JSON object");
        assertCorrupt(withHeader("x", 0), "too short for a JSON object");
    }

    @Test
    void malformedEntries() throws Exception {
        assertCorrupt(withHeader("{\"a\":5}", 0), "tensor 'a' is not a JSON object");
        assertCorrupt(withHeader("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "no string \"dtype\"");
        assertCorrupt(withHeader("{" + entry("a", "F8_E4M3", "[1]", 0, 1) + "}", 1), "has dtype \"F8_E4M3\"");
        assertCorrupt(withHeader("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4), "no \"shape\" array");
        assertCorrupt(withHeader("{" + entry("a", "F32", "[-1]", 0, 4) + "}", 4), "bad dimension -1");
        assertCorrupt(withHeader("{" + entry("a", "F32", "[1.5]", 0, 4) + "}", 4), "bad dimension 1.5");
        assertCorrupt(withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", 4), "needs \"data_offsets\"");
        assertCorrupt(withHeader("{\"__metadata__\":{\"k\":1}}", 0), "__metadata__ value of 'k' is not a string");
        assertCorrupt(withHeader("{\"__metadata__\":[]}", 0), "__metadata__ is not a JSON object");
    }

    @Test
    void offsetsOutOfRangeOrInconsistent() throws Exception {
        assertCorrupt(withHeader("{" + entry("a", "F32", "[1]", 4, 0) + "}", 4), "out of order");
        assertCorrupt(withHeader("{" + entry("a", "F32", "[4]", 0, 16) + "}", 8), "ends at byte 16 but the data buffer holds only 8 bytes");
        assertCorrupt(withHeader("{" + entry("a", "F32", "[3]", 0, 8) + "}", 8), "F32 [3] needs 12 bytes but data_offsets span 8");
        assertCorrupt(withHeader("{" + entry("a", "F32", "[4294967296,4294967296]", 0, 8) + "}", 8), "overflows 64 bits");
        assertCorrupt(withHeader("{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}", 12), "overlap");
        assertCorrupt(withHeader("{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}", 12), "belong to no tensor");
        assertCorrupt(withHeader("{" + entry("a", "F32", "[1]", 0, 4) + "}", 9), "trailing bytes");
        assertCorrupt(withHeader("{" + entry("a", "BOOL", "[2]", 0, 2) + "}", 0), "ends at byte 2");
    }

    @Test
    void boolBytesOtherThanZeroAndOne() throws Exception {
        Path f = withHeader("{" + entry("a", "BOOL", "[2]", 0, 2) + "}", 2);
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length - 1] = 7;
        Files.write(f, bytes);
        assertCorrupt(f, "holds byte value 7 at element 1");
    }

    @Test
    void everyTruncationOfAValidFileIsReported() throws Exception {
        Path good = dir.resolve("good.safetensors");
        Safetensors.write(good, Map.of("w", HostArray.fromFloats(DType.F32, Shape.of(2, 2), 1, 2, 3, 4),
                "b", HostArray.fromInts(DType.U8, Shape.of(3), 1, 2, 3)), Map.of("step", "7"));
        byte[] all = Files.readAllBytes(good);
        for (int len = 0; len < all.length; len++) {
            Path cut = file(Arrays.copyOf(all, len));
            assertThrows(CorruptFileException.class, () -> Safetensors.read(cut), "truncated to " + len + " bytes");
        }
    }

    @Test
    void randomByteFlipsNeverCrashTheReader() throws Exception {
        Path good = dir.resolve("good.safetensors");
        Safetensors.write(good, Map.of("w", HostArray.fromFloats(DType.F32, Shape.of(2, 2), 1, 2, 3, 4)), Map.of("step", "7"));
        byte[] all = Files.readAllBytes(good);
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int trial = 0; trial < 300; trial++) {
            byte[] b = all.clone();
            int at = r.nextInt(b.length);
            b[at] = (byte) r.nextInt(256);
            Path f = file(b);
            try {
                Safetensors.read(f); // may still be valid (a flipped data byte), which is fine
            } catch (CorruptFileException expected) {
                // the only acceptable failure
            }
        }
    }
}
