package dev.triad.backend.cuda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The CUDA toolkit's offline compilers, for tests on machines without a GPU: {@code nvcc} found
 * on the PATH, in {@code $CUDA_HOME/bin}, or in the newest {@code /usr/local/cuda*}/bin, and
 * {@code ptxas} beside it.
 */
final class Nvcc {
    final Path nvcc;
    final Path ptxas;

    private Nvcc(Path nvcc, Path ptxas) {
        this.nvcc = nvcc;
        this.ptxas = ptxas;
    }

    /** The toolchain, or null with the places looked at in {@code why[0]}. */
    static Nvcc find(String[] why) {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) for (String d : path.split(java.io.File.pathSeparator)) if (!d.isEmpty()) candidates.add(Path.of(d, "nvcc"));
        String home = System.getenv("CUDA_HOME");
        if (home != null && !home.isBlank()) candidates.add(Path.of(home, "bin", "nvcc"));
        try (Stream<Path> s = Files.list(Path.of("/usr/local"))) {
            s.filter(p -> p.getFileName().toString().startsWith("cuda")).sorted(Comparator.reverseOrder())
                    .forEach(p -> candidates.add(p.resolve("bin").resolve("nvcc")));
        } catch (IOException ignored) {
            // no /usr/local: nothing to add
        }
        for (Path c : candidates) {
            if (!Files.isExecutable(c)) continue;
            Path real;
            try {
                real = c.toRealPath();
            } catch (IOException e) {
                continue;
            }
            Path ptxas = real.resolveSibling("ptxas");
            if (Files.isExecutable(ptxas)) return new Nvcc(real, ptxas);
        }
        why[0] = "no nvcc with ptxas beside it on the PATH, in $CUDA_HOME/bin or /usr/local/cuda*/bin";
        return null;
    }

    /** The result of one tool run. */
    record Run(List<String> command, int exit, String output) {
        boolean ok() { return exit == 0; }
    }

    static Run run(List<String> command, Path dir) {
        try {
            Path log = Files.createTempFile(dir, "tool", ".log");
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Run(command, -1, "timed out");
            }
            return new Run(command, p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Run(command, -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(command, -1, "interrupted");
        }
    }
}
