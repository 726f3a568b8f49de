package dev.triad.eager.io;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.io.AtomicFiles;
import dev.triad.spi.io.CorruptFileException;
import dev.triad.spi.io.Safetensors;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointTest {
    @TempDir
    Path dir;

    private static Checkpoint at(long step, float value) {
        return new Checkpoint(
                Map.of("fc.weight", HostArray.fromFloats(DType.F32, Shape.of(2, 2), value, value, value, value)),
                Map.of("state.0.exp_avg", HostArray.fromFloats(DType.F32, Shape.of(2, 2), -value, 0, 0, 0),
                        "state.0.step", HostArray.fromDoubles(DType.F64, Shape.SCALAR, step)),
                new TrainingProgress((int) step / 10, (int) step % 10, step, 42, Map.of("history", "[1,2]")));
    }

    private static void assertSame(Checkpoint expected, Checkpoint actual) {
        assertEquals(expected.progress(), actual.progress());
        assertEquals(expected.model().keySet(), actual.model().keySet());
        for (String k : expected.model().keySet()) assertArrayEquals(expected.model().get(k).bytes(), actual.model().get(k).bytes());
        for (String k : expected.optimizer().keySet()) assertArrayEquals(expected.optimizer().get(k).bytes(), actual.optimizer().get(k).bytes());
    }

    @Test
    void roundTripsAndTheModelFileIsPlainSafetensors() throws Exception {
        Checkpoint c = at(17, 1.5f);
        assertFalse(Checkpoint.exists(dir));
        c.save(dir);
        assertTrue(Checkpoint.exists(dir));
        assertSame(c, Checkpoint.load(dir));
        Safetensors.Contents model = Safetensors.read(dir.resolve(Checkpoint.MODEL_FILE));
        assertEquals(Map.of("fc.weight", model.tensors().get("fc.weight")), model.tensors());
        assertEquals("triad", model.metadata().get("format"));
        assertFalse(Files.exists(dir.resolve(Checkpoint.MODEL_FILE + Checkpoint.STAGED)));
    }

    @Test
    void aCrashBeforeTheCommitKeepsThePreviousCheckpoint() throws Exception {
        Checkpoint a = at(10, 1f), b = at(20, 2f);
        a.save(dir);
        b.stage(dir); // both new files fully written, then the process dies
        assertSame(a, Checkpoint.load(dir));
        b.save(dir); // the next save replaces the stale staged files and commits
        assertSame(b, Checkpoint.load(dir));
    }

    @Test
    void aCrashBetweenTheRenamesIsFinishedOnLoad() throws Exception {
        Checkpoint a = at(10, 1f), b = at(20, 2f);
        a.save(dir);
        b.stage(dir);
        AtomicFiles.move(dir.resolve(Checkpoint.OPTIMIZER_FILE + Checkpoint.STAGED), dir.resolve(Checkpoint.OPTIMIZER_FILE));
        // Process dies here: optimizer is b's, model is still a's.
        assertSame(b, Checkpoint.load(dir));
        assertFalse(Files.exists(dir.resolve(Checkpoint.MODEL_FILE + Checkpoint.STAGED)));
    }

    @Test
    void filesFromDifferentSavesAreRefused() throws Exception {
        Path other = dir.resolve("other");
        at(10, 1f).save(dir);
        at(20, 2f).save(other);
        Files.copy(other.resolve(Checkpoint.OPTIMIZER_FILE), dir.resolve(Checkpoint.OPTIMIZER_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> Checkpoint.load(dir));
        assertTrue(e.getMessage().contains("come from different saves"), e.getMessage());
    }

    @Test
    void aTruncatedCheckpointGivesAClearError() throws Exception {
        at(10, 1f).save(dir);
        Path f = dir.resolve(Checkpoint.MODEL_FILE);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 3));
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> Checkpoint.load(dir));
        assertTrue(e.getMessage().contains("trailing bytes") || e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aDirectoryWithoutACheckpointIsReported() {
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> Checkpoint.load(dir));
        assertTrue(e.getMessage().contains("no optimizer.safetensors"), e.getMessage());
    }
}
