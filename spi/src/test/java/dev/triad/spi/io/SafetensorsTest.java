package dev.triad.spi.io;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsTest {
    @TempDir
    Path dir;

    static Map<String, HostArray> everyDType() {
        Map<String, HostArray> m = new LinkedHashMap<>();
        m.put("f32", HostArray.fromFloats(DType.F32, Shape.of(2, 3), 1, -2.5f, 3e-8f, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY));
        m.put("f64", HostArray.fromDoubles(DType.F64, Shape.of(3), Math.PI, -0.0, 1e300));
        m.put("bf16", HostArray.fromFloats(DType.BF16, Shape.of(2), 1.5f, -3.25f));
        m.put("f16", HostArray.fromFloats(DType.F16, Shape.of(2, 1), 0.099975586f, 65504f));
        m.put("i32", HostArray.fromInts(DType.I32, Shape.of(3), Integer.MIN_VALUE, 0, Integer.MAX_VALUE));
        m.put("i64", HostArray.fromLongs(DType.I64, Shape.SCALAR, Long.MIN_VALUE));
        m.put("u8", HostArray.fromInts(DType.U8, Shape.of(5), 0, 1, 127, 128, 255));
        m.put("bool", HostArray.fromBooleans(Shape.of(1, 3), true, false, true));
        m.put("empty", HostArray.zeros(DType.F32, Shape.of(0, 4)));
        return m;
    }

    @Test
    void roundTripsEveryDTypeBitForBit() throws Exception {
        Map<String, HostArray> in = everyDType();
        Map<String, String> meta = Map.of("format", "pt", "note", "héllo \"world\"");
        Path f = dir.resolve("all.safetensors");
        Safetensors.write(f, in, meta);
        Safetensors.Contents out = Safetensors.read(f);
        assertEquals(in.keySet(), out.tensors().keySet());
        for (String k : in.keySet()) {
            assertEquals(in.get(k).type(), out.tensors().get(k).type(), k);
            assertArrayEquals(in.get(k).bytes(), out.tensors().get(k).bytes(), k);
        }
        assertEquals(meta, out.metadata());
    }

    @Test
    void layoutFollowsTheSpecificationAndAlignsTensors() throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        Safetensors.write(bos, everyDType(), Map.of());
        byte[] file = bos.toByteArray();
        long n = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, (8 + n) % 8, "the data buffer starts 8-byte aligned");
        String header = new String(file, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"f64\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,24]}"), header);
        assertTrue(!header.contains("__metadata__"), "no metadata key when there is none");
        Path f = dir.resolve("x.safetensors");
        Files.write(f, file);
        for (Safetensors.Entry e : Safetensors.readHeader(f).entries()) {
            assertEquals(0, e.begin() % e.type().dtype().byteSize(), e.name() + " is aligned to its element size");
        }
    }

    @Test
    void readsAFileWrittenByAnotherProducer() throws Exception {
        // Laid out by hand as Hugging Face's library writes it: compact header, no padding,
        // keys in any order, metadata first.
        String header = "{\"__metadata__\":{\"format\":\"pt\"},\"b\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[8,16]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).putFloat(1.5f).putFloat(-2f).putLong(42);
        Path f = dir.resolve("hf.safetensors");
        Files.write(f, b.array());
        Safetensors.Contents c = Safetensors.read(f);
        assertEquals(List.of("a", "b"), List.copyOf(c.tensors().keySet()), "file order");
        assertArrayEquals(new float[] {1.5f, -2f}, c.tensors().get("a").toFloats());
        assertEquals(42, c.tensors().get("b").getLong(0));
        assertEquals(Shape.SCALAR, c.tensors().get("b").shape());
        assertEquals(Map.of("format", "pt"), c.metadata());
    }

    @Test
    void equalContentsGiveIdenticalFiles() throws Exception {
        Map<String, HostArray> a = everyDType();
        Map<String, HostArray> reversed = new LinkedHashMap<>();
        List<String> keys = List.copyOf(a.keySet()).reversed();
        for (String k : keys) reversed.put(k, a.get(k));
        Path f1 = dir.resolve("1.safetensors"), f2 = dir.resolve("2.safetensors");
        Safetensors.write(f1, a, Map.of("k", "v"));
        Safetensors.write(f2, reversed, Map.of("k", "v"));
        assertArrayEquals(Files.readAllBytes(f1), Files.readAllBytes(f2));
    }
}
