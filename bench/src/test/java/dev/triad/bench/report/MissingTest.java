package dev.triad.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triad.bench.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Every configuration a run asked for is accounted for, with what JMH's log says when it produced nothing. */
class MissingTest {
    static final String LOG = """
            # JMH version: 1.37
            # Benchmark: dev.triad.bench.training.TrainStepBench.trainStep
            # Parameters: (backend = cpu, frontend = eager, model = cnn)

            # Run progress: 8.33% complete, ETA 00:00:43
            # Fork: 1 of 1
            # Warmup Iteration   1: <forked VM failed with exit code 139>
            <stdout last='20 lines'>
            </stdout>

            # JMH version: 1.37
            # Benchmark: dev.triad.bench.training.TrainStepBench.trainStep
            # Parameters: (backend = cpu, frontend = graph, model = cnn)

            # Warmup Iteration   1: <failure>

            java.lang.IllegalStateException: boom in setup
            \tat dev.triad.Foo.bar(Foo.java:1)
            """;

    @Test
    void expectsEveryCombinationOfTheProfile() {
        Catalog.Entry train = Catalog.byName("TrainStepBench");
        assertEquals(12, Missing.expected(train, Catalog.Profile.QUICK, List.of("cpu", "opencl")).size());
        assertEquals(3, Missing.expected(train, Catalog.Profile.SMOKE, List.of("cpu")).size(), "mlp x 3 front-ends on one backend");
    }

    @Test
    void namesACrashedForkAndASetupException(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("TrainStepBench.log");
        Files.writeString(log, LOG);
        List<Skip> skips = Missing.of(Catalog.byName("TrainStepBench"), Catalog.Profile.QUICK, List.of("cpu"), List.of(), dir.resolve("none.tsv"), log);
        assertEquals(6, skips.size());
        Map<String, String> byParams = new java.util.HashMap<>();
        for (Skip s : skips) byParams.put(s.params(), s.reason());
        assertTrue(byParams.get("backend=cpu,frontend=eager,model=cnn").contains("exit code 139 (signal 11, a segmentation fault"), byParams.toString());
        assertTrue(byParams.get("backend=cpu,frontend=graph,model=cnn").contains("java.lang.IllegalStateException: boom in setup"), byParams.toString());
        assertTrue(byParams.get("backend=cpu,frontend=eager,model=mlp").contains("did not run"), byParams.toString());
    }
}
