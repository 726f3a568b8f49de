package dev.triad.spi.io;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format, as written and read by Hugging Face's {@code safetensors} library and
 * so by PyTorch, JAX and TensorFlow users:
 * <pre>
 *   8 bytes   N, the header length, unsigned little-endian
 *   N bytes   UTF-8 JSON: {"__metadata__": {"k": "v", ...},
 *                          "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ...}
 *   rest      the tensors' bytes, little-endian, row-major; offsets are relative to the start of
 *             this buffer, and the tensors cover it exactly, without holes or overlaps
 * </pre>
 * Dtype names: F32 F64 BF16 F16 I32 I64 U8 BOOL. The writer orders tensors by element size
 * (largest first), then by name, and pads the header with spaces to a multiple of 8 bytes, so
 * every tensor is aligned to its element size and equal contents give identical files.
 * <p>
 * The reader checks every length against the file before allocating anything: a corrupt,
 * truncated or hostile file raises {@link CorruptFileException} naming what is wrong.
 */
public final class Safetensors {
    private Safetensors() {}

    private static final String FORMAT = "safetensors";
    private static final String METADATA_KEY = "__metadata__";

    /** Largest header accepted (the reference implementation uses the same 100 MB cap). */
    public static final long MAX_HEADER_BYTES = 100L << 20;

    /**
     * One tensor's entry in the header.
     *
     * @param name  the tensor's name
     * @param type  dtype and shape
     * @param begin first byte, relative to the data buffer
     * @param end   one past the last byte
     */
    public record Entry(String name, TensorType type, long begin, long end) {}

    /**
     * A file's header.
     *
     * @param entries   the tensors in the order their bytes appear
     * @param metadata  the {@code __metadata__} strings (empty when absent)
     * @param dataStart the file offset of the data buffer ({@code 8 + N})
     */
    public record Header(List<Entry> entries, Map<String, String> metadata, long dataStart) {}

    /**
     * A whole file.
     *
     * @param tensors  by name, in file order
     * @param metadata the {@code __metadata__} strings
     */
    public record Contents(Map<String, HostArray> tensors, Map<String, String> metadata) {}

    /** The safetensors name of a dtype. */
    public static String dtypeName(DType t) {
        return switch (t) {
            case F32 -> "F32";
            case F64 -> "F64";
            case BF16 -> "BF16";
            case F16 -> "F16";
            case I32 -> "I32";
            case I64 -> "I64";
            case U8 -> "U8";
            case BOOL -> "BOOL";
        };
    }

    private static DType dtypeOf(String name) {
        for (DType t : DType.values()) if (dtypeName(t).equals(name)) return t;
        return null;
    }

    // ---------------------------------------------------------------- writing

    /** Writes the tensors and metadata to {@code file} atomically (see {@link AtomicFiles}). */
    public static void write(Path file, Map<String, HostArray> tensors, Map<String, String> metadata) throws IOException {
        AtomicFiles.write(file, out -> write(out, tensors, metadata));
    }

    /** Writes the tensors and metadata to a stream (not closed). */
    public static void write(OutputStream out, Map<String, HostArray> tensors, Map<String, String> metadata) throws IOException {
        List<Map.Entry<String, HostArray>> order = new ArrayList<>(tensors.entrySet());
        order.sort(Comparator.<Map.Entry<String, HostArray>>comparingInt(e -> -e.getValue().dtype().byteSize()).thenComparing(Map.Entry::getKey));
        Map<String, Object> header = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) header.put(METADATA_KEY, new LinkedHashMap<String, Object>(metadata));
        long offset = 0;
        for (Map.Entry<String, HostArray> e : order) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals(METADATA_KEY)) throw new IllegalArgumentException("invalid tensor name '" + name + "'");
            HostArray a = e.getValue();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", dtypeName(a.dtype()));
            List<Object> shape = new ArrayList<>();
            for (long d : a.shape().toArray()) shape.add(d);
            entry.put("shape", shape);
            entry.put("data_offsets", List.of(offset, offset + a.bytes().length));
            offset += a.bytes().length;
            header.put(name, entry);
        }
        byte[] json = JsonWriter.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
        out.write(len.array());
        out.write(json);
        for (int i = json.length; i < padded; i++) out.write(' ');
        for (Map.Entry<String, HostArray> e : order) out.write(e.getValue().bytes());
    }

    // ---------------------------------------------------------------- reading

    /** Reads and validates only the header. */
    public static Header readHeader(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(file, ch);
        }
    }

    /** Reads the whole file: every tensor and the metadata. */
    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = readHeader(file, ch);
            Map<String, HostArray> tensors = new LinkedHashMap<>();
            for (Entry e : h.entries()) {
                // Sizes were checked against the file length, so this allocation is bounded by it.
                byte[] bytes = new byte[Math.toIntExact(e.end() - e.begin())];
                readFully(file, ch, ByteBuffer.wrap(bytes), h.dataStart() + e.begin());
                if (e.type().dtype() == DType.BOOL) checkBool(file, e.name(), bytes);
                tensors.put(e.name(), HostArray.wrap(e.type(), bytes));
            }
            return new Contents(tensors, h.metadata());
        }
    }

    private static void checkBool(Path file, String name, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != 0 && bytes[i] != 1) throw corrupt(file, "BOOL tensor '" + name + "' holds byte value " + (bytes[i] & 0xFF) + " at element " + i + " (only 0 and 1 are booleans)");
        }
    }

    private static Header readHeader(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) throw corrupt(file, "file is " + size + " bytes, too short for the 8-byte header length");
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, ch, lenBuf, 0);
        long n = lenBuf.getLong(0);
        if (n < 0 || n > size - 8) {
            throw corrupt(file, "header length " + Long.toUnsignedString(n) + " exceeds the " + (size - 8) + " bytes after the length field (truncated file, or not a safetensors file)");
        }
        if (n > MAX_HEADER_BYTES) throw corrupt(file, "header length " + n + " exceeds the " + MAX_HEADER_BYTES + "-byte limit");
        if (n < 2) throw corrupt(file, "header length " + n + " is too short for a JSON object");
        ByteBuffer hb = ByteBuffer.allocate((int) n);
        readFully(file, ch, hb, 8);
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(hb.flip()).toString();
        } catch (CharacterCodingException e) {
            throw corrupt(file, "header is not valid UTF-8");
        }
        Object parsed;
        try {
            parsed = JsonReader.parse(json);
        } catch (JsonReader.SyntaxException e) {
            throw corrupt(file, "header is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> root)) throw corrupt(file, "header is not a JSON object");
        long dataLength = size - 8 - n;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> kv : root.entrySet()) {
            String name = (String) kv.getKey();
            if (name.equals(METADATA_KEY)) {
                readMetadata(file, kv.getValue(), metadata);
            } else {
                entries.add(readEntry(file, name, kv.getValue(), dataLength));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : entries) {
            if (e.begin() < expected) throw corrupt(file, "tensor '" + e.name() + "' bytes [" + e.begin() + ", " + e.end() + ") overlap the previous tensor, which ends at " + expected);
            if (e.begin() > expected) throw corrupt(file, "bytes [" + expected + ", " + e.begin() + ") of the data buffer belong to no tensor (a hole before '" + e.name() + "')");
            expected = e.end();
        }
        if (expected != dataLength) {
            throw corrupt(file, "the tensors cover " + expected + " bytes but the data buffer holds " + dataLength + " (trailing bytes)");
        }
        return new Header(List.copyOf(entries), metadata, 8 + n);
    }

    private static void readMetadata(Path file, Object value, Map<String, String> out) {
        if (!(value instanceof Map<?, ?> m)) throw corrupt(file, "__metadata__ is not a JSON object");
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) throw corrupt(file, "__metadata__ value of '" + e.getKey() + "' is not a string");
            out.put((String) e.getKey(), s);
        }
    }

    private static Entry readEntry(Path file, String name, Object value, long dataLength) {
        String where = "tensor '" + name + "'";
        if (!(value instanceof Map<?, ?> m)) throw corrupt(file, where + " is not a JSON object");
        if (!(m.get("dtype") instanceof String dt)) throw corrupt(file, where + " has no string \"dtype\"");
        DType dtype = dtypeOf(dt);
        if (dtype == null) throw corrupt(file, where + " has dtype \"" + dt + "\"; Triad reads F32, F64, BF16, F16, I32, I64, U8 and BOOL");
        if (!(m.get("shape") instanceof List<?> shapeList)) throw corrupt(file, where + " has no \"shape\" array");
        long[] dims = new long[shapeList.size()];
        for (int i = 0; i < dims.length; i++) {
            if (!(shapeList.get(i) instanceof Long d) || d < 0) throw corrupt(file, where + " has a bad dimension " + shapeList.get(i) + " in its shape");
            dims[i] = d;
        }
        if (!(m.get("data_offsets") instanceof List<?> offs) || offs.size() != 2
                || !(offs.get(0) instanceof Long begin) || !(offs.get(1) instanceof Long end)) {
            throw corrupt(file, where + " needs \"data_offsets\": [begin, end] with two integers");
        }
        if (begin < 0 || end < begin) throw corrupt(file, where + " has data_offsets [" + begin + ", " + end + "] out of order");
        if (end > dataLength) throw corrupt(file, where + " ends at byte " + end + " but the data buffer holds only " + dataLength + " bytes (truncated file?)");
        long bytes;
        try {
            long numel = 1;
            for (long d : dims) numel = Math.multiplyExact(numel, d);
            bytes = Math.multiplyExact(numel, dtype.byteSize());
        } catch (ArithmeticException e) {
            throw corrupt(file, where + " has a shape whose byte size overflows 64 bits");
        }
        if (bytes != end - begin) {
            throw corrupt(file, where + ": " + dt + " " + Shape.of(dims) + " needs " + bytes + " bytes but data_offsets span " + (end - begin));
        }
        if (bytes > Integer.MAX_VALUE - 8) throw corrupt(file, where + " is " + bytes + " bytes, more than one host array can hold");
        return new Entry(name, new TensorType(dtype, Shape.of(dims)), begin, end);
    }

    private static void readFully(Path file, FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, p);
            if (r < 0) throw corrupt(file, "unexpected end of file at byte " + p + " (the file shrank while being read?)");
            p += r;
        }
    }

    private static CorruptFileException corrupt(Path file, String detail) {
        return new CorruptFileException(FORMAT, file, detail);
    }
}
