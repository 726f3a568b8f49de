package dev.triad.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code triad train} end to end through the command line entry point, on a small slice. */
class TrainCommandTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void trainsAndWritesTheReport() throws Exception {
        String[] r = run("train", "--model", "mlp", "--limit", "320", "--test-limit", "200", "--report-dir", dir.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("Test accuracy: "), r[1]);
        assertTrue(r[1].contains("on 200 test images after 10 steps"), r[1]);
        assertTrue(r[2].contains("epoch 1/1 ["), "a progress line on stderr: " + r[2]);
        assertTrue(Files.isRegularFile(dir.resolve("report.html")));
        assertTrue(Files.isRegularFile(dir.resolve("curves.svg")));
        assertTrue(Files.isRegularFile(dir.resolve("metrics.json")));
    }

    @Test
    void helpAndBadOptions() throws Exception {
        String[] r = run("train", "--help");
        assertEquals("0", r[0]);
        assertTrue(r[1].contains("--checkpoint DIR"), r[1]);
        r = run("train", "--epochs", "zero");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--epochs expects a non-negative integer, got 'zero'"), r[2]);
    }

    @Test
    void aMissingUserDataDirectorySaysWhatToDo() throws Exception {
        String[] r = run("train", "--data-dir", dir.resolve("nothing").toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("MNIST not found in " + dir.resolve("nothing")), r[2]);
    }
}
