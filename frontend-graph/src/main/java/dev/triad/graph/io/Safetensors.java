package dev.triad.graph.io;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length N, N bytes
 * of UTF-8 JSON ({@code {"__metadata__": {...}, "name": {"dtype": "F32", "shape": [2, 3],
 * "data_offsets": [begin, end]}, ...}}), then the tensors' little-endian bytes, which the
 * offsets cover exactly. Dtype names: F32 F64 BF16 F16 I32 I64 U8 BOOL. Tensors are written
 * in name order; the header is padded with spaces to a multiple of 8 bytes.
 *
 * <p>The reader checks every length and offset against the file before using it, so a
 * truncated or corrupt file raises {@link SavedGraphException} rather than reading garbage.
 *
 * <p>(The eager front-end has its own reader and writer of the same format; front-ends do not
 * import each other. Both follow the published format, so their files are interchangeable.)
 */
public final class Safetensors {
    private Safetensors() {}

    /** The largest header accepted (as in the reference implementation). */
    static final long MAX_HEADER = 100L << 20;

    /** What a file holds: tensors by name (in file order) and the metadata strings. */
    public record Contents(Map<String, HostArray> tensors, Map<String, String> metadata) {}

    /** Writes {@code tensors} and {@code metadata} to {@code file}, atomically (a temporary file is moved into place). */
    public static void write(Path file, Map<String, HostArray> tensors, Map<String, String> metadata) throws IOException {
        TreeMap<String, HostArray> sorted = new TreeMap<>(tensors);
        StringBuilder h = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            h.append("\"__metadata__\":{");
            boolean first = true;
            for (Map.Entry<String, String> e : new TreeMap<>(metadata).entrySet()) {
                if (!first) h.append(',');
                first = false;
                h.append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
            }
            h.append('}');
        }
        long offset = 0;
        for (Map.Entry<String, HostArray> e : sorted.entrySet()) {
            if (e.getKey().equals("__metadata__")) throw new IllegalArgumentException("a tensor may not be called __metadata__");
            HostArray a = e.getValue();
            if (h.length() > 1) h.append(',');
            List<String> dims = new ArrayList<>();
            for (long d : a.shape().toArray()) dims.add(Long.toString(d));
            h.append(Json.quote(e.getKey())).append(":{\"dtype\":\"").append(dtypeName(a.dtype())).append("\",\"shape\":[")
                    .append(String.join(",", dims)).append("],\"data_offsets\":[").append(offset).append(',').append(offset + a.bytes().length).append("]}");
            offset += a.bytes().length;
        }
        h.append('}');
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(header);
            for (int i = header.length; i < padded; i++) out.write(' ');
            for (HostArray a : sorted.values()) out.write(a.bytes());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a whole file. */
    public static Contents read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 8) throw new SavedGraphException(file, "truncated: " + bytes.length + " bytes, fewer than the 8-byte header length");
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > MAX_HEADER || 8 + n > bytes.length) {
            throw new SavedGraphException(file, "corrupt: header length " + n + " does not fit the file of " + bytes.length + " bytes");
        }
        Object parsed;
        try {
            parsed = Json.parse(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new SavedGraphException(file, "corrupt header: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> header)) throw new SavedGraphException(file, "corrupt header: not a JSON object");
        long dataStart = 8 + n, dataLength = bytes.length - dataStart;
        Map<String, HostArray> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        long covered = 0;
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                if (!(e.getValue() instanceof Map<?, ?> m)) throw new SavedGraphException(file, "__metadata__ is not an object");
                for (Map.Entry<?, ?> me : m.entrySet()) {
                    if (!(me.getValue() instanceof String v)) throw new SavedGraphException(file, "metadata '" + me.getKey() + "' is not a string");
                    metadata.put((String) me.getKey(), v);
                }
                continue;
            }
            if (!(e.getValue() instanceof Map<?, ?> t)) throw new SavedGraphException(file, "entry '" + name + "' is not an object");
            TensorType type = new TensorType(parseDType(file, name, t.get("dtype")), parseShape(file, name, t.get("shape")));
            if (!(t.get("data_offsets") instanceof List<?> off) || off.size() != 2 || !(off.get(0) instanceof Long begin) || !(off.get(1) instanceof Long end)) {
                throw new SavedGraphException(file, "tensor '" + name + "' has malformed data_offsets");
            }
            if (begin < 0 || end < begin || end > dataLength) {
                throw new SavedGraphException(file, "tensor '" + name + "' has offsets [" + begin + ", " + end + ") outside the " + dataLength + " data bytes (truncated?)");
            }
            if (end - begin != type.byteSize()) {
                throw new SavedGraphException(file, "tensor '" + name + "' of type " + type + " needs " + type.byteSize() + " bytes but has " + (end - begin));
            }
            covered += end - begin;
            byte[] data = new byte[(int) (end - begin)];
            System.arraycopy(bytes, (int) (dataStart + begin), data, 0, data.length);
            tensors.put(name, HostArray.wrap(type, data));
        }
        if (covered != dataLength) throw new SavedGraphException(file, "the tensors cover " + covered + " of " + dataLength + " data bytes (corrupt or overlapping)");
        return new Contents(tensors, metadata);
    }

    /** The format's name of {@code t}. */
    static String dtypeName(DType t) { return t.name(); }

    private static DType parseDType(Path file, String name, Object v) {
        if (v instanceof String s) {
            for (DType t : DType.values()) if (t.name().equals(s)) return t;
        }
        throw new SavedGraphException(file, "tensor '" + name + "' has unsupported dtype " + v + "; expected one of F32 F64 BF16 F16 I32 I64 U8 BOOL");
    }

    private static Shape parseShape(Path file, String name, Object v) {
        if (!(v instanceof List<?> l)) throw new SavedGraphException(file, "tensor '" + name + "' has no shape list");
        long[] d = new long[l.size()];
        for (int i = 0; i < d.length; i++) {
            if (!(l.get(i) instanceof Long x) || x < 0) throw new SavedGraphException(file, "tensor '" + name + "' has a malformed shape " + l);
            d[i] = x;
        }
        try {
            Shape s = Shape.of(d);
            s.numel();
            return s;
        } catch (ArithmeticException e) {
            throw new SavedGraphException(file, "tensor '" + name + "' has an impossible shape " + l);
        }
    }
}
