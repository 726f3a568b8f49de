package dev.triad.cli;

import dev.triad.cli.conformance.WrongNegBackendProvider;
import dev.triad.spi.backend.BackendProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code triad conformance}, on a few checks at a time so that it stays fast. */
class ConformanceCommandTest {
    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = new ConformanceCommand(false).run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void isRegisteredAndExplainsItsOptions() {
        assertTrue(Main.commands().containsKey("conformance"));
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String option : new String[] {"--backend NAME", "--jar PATH", "--frontend NAME", "--filter PATTERN", "--out DIR"}) {
            assertTrue(r.out().contains(option), r.out());
        }
    }

    @Test
    void rejectsUnknownOptionsAndFrontEnds() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"conformance", "--bogus"}, new PrintStream(OutputStream.nullOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option '--bogus'"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, Main.run(new String[] {"conformance", "--frontend", "nosuch"}, new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(OutputStream.nullOutputStream())));
    }

    @Test
    void runsTheSelectedChecksOnTheCpuBackendAndWritesThreeReports(@TempDir Path dir) throws IOException {
        Run r = run("--backend", "cpu", "--filter", "add", "--frontend", "none", "--out", dir.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("cpu        PASS"), r.out());
        assertTrue(r.err().contains("conformance: cpu: "), r.err());
        for (String f : new String[] {"conformance.html", "conformance.md", "conformance.json"}) assertTrue(Files.size(dir.resolve(f)) > 500, f);
        String json = Files.readString(dir.resolve("conformance.json"));
        assertTrue(json.contains("\"op\": \"add\"") && !json.contains("\"op\": \"sub\""), "the filter did not apply");
        assertTrue(json.contains("\"filters\": [\"add\"]"), json.substring(0, 400));
    }

    @Test
    void aBackendAskedForThatIsNotThereFailsTheRun(@TempDir Path dir) {
        Run r = run("--backend", "nosuch", "--filter", "add", "--out", dir.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("no backend named 'nosuch'"), r.out());
        assertTrue(Files.exists(dir.resolve("conformance.html")));
    }

    @Test
    void loadsABackendFromAJarAndFailsOnItsWrongOp(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("wrongneg.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            j.putNextEntry(new JarEntry("META-INF/services/" + BackendProvider.class.getName()));
            j.write((WrongNegBackendProvider.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        Path out = dir.resolve("reports");
        Run r = run("--jar", jar.toString(), "--backend", WrongNegBackendProvider.NAME, "--filter", "neg/forward f*", "--frontend", "none",
                "--out", out.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("./triad conformance --jar " + jar + " --backend wrongneg --filter 'neg/forward f32'"), r.out());
        assertTrue(r.err().contains("FAIL wrongneg neg / forward f32"), r.err());
        String json = Files.readString(out.resolve("conformance.json"));
        assertTrue(json.contains("\"origin\": \"" + jar + "\""), "the JAR is not named as the backend's origin");
        String md = Files.readString(out.resolve("conformance.md"));
        assertTrue(md.contains("### wrongneg · neg · forward f32"), md);
    }
}
