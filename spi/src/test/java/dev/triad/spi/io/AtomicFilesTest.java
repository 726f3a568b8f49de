package dev.triad.spi.io;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private long filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void replacesTheFile() throws Exception {
        Path f = dir.resolve("a.txt");
        AtomicFiles.write(f, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.write(f, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
        assertEquals("two", Files.readString(f));
        assertEquals(1, filesIn(dir), "no temporary file is left behind");
    }

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldFileIntact() throws Exception {
        Path f = dir.resolve("model.safetensors");
        Map<String, HostArray> old = Map.of("w", HostArray.fromFloats(DType.F32, Shape.of(3), 1, 2, 3));
        Safetensors.write(f, old, Map.of("step", "1"));
        byte[] before = Files.readAllBytes(f);
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            // Half of a new, larger checkpoint reaches the disk, then the "crash".
            Safetensors.write(out, Map.of("w", HostArray.zeros(DType.F32, Shape.of(100_000))), Map.of("step", "2"));
            out.flush();
            throw new IOException("simulated failure mid-write");
        }));
        assertEquals("simulated failure mid-write", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
        assertEquals("1", Safetensors.read(f).metadata().get("step"));
        assertEquals(1, filesIn(dir), "the temporary file was removed");
    }

    @Test
    void aRuntimeFailureAlsoKeepsTheOldFile() throws Exception {
        Path f = dir.resolve("b.bin");
        AtomicFiles.write(f, out -> out.write(new byte[] {1, 2, 3}));
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[1 << 20]);
            throw new IllegalStateException("boom");
        }));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        assertEquals(1, filesIn(dir));
    }

    @Test
    void createsMissingDirectories() throws Exception {
        Path f = dir.resolve("x/y/z.bin");
        AtomicFiles.write(f, out -> out.write(7));
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(f));
    }
}
