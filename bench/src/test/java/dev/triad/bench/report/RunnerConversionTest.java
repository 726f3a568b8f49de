package dev.triad.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triad.bench.Catalog;
import dev.triad.bench.check.CheckLog;
import dev.triad.bench.overhead.DispatchBench;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** JMH's results become measurements in seconds per op, joined with the check each trial logged. */
class RunnerConversionTest {
    @Test
    void convertsRawIterationsAndJoinsTheCheck(@TempDir Path dir) throws Exception {
        Path checks = dir.resolve("checks.tsv");
        System.setProperty(CheckLog.PROPERTY, checks.toString());
        Collection<RunResult> results;
        try {
            results = new Runner(new OptionsBuilder().include("^" + Pattern.quote(DispatchBench.class.getName()) + "\\.dispatchAdd")
                    .forks(0).warmupIterations(0).measurementIterations(2).measurementTime(TimeValue.milliseconds(30))
                    .param("backend", "cpu").addProfiler(GCProfiler.class).verbosity(VerboseMode.SILENT).shouldFailOnError(true).build()).run();
        } finally {
            System.clearProperty(CheckLog.PROPERTY);
        }
        Map<String, String> details = new HashMap<>();
        for (CheckLog.Entry c : CheckLog.read(checks)) details.put(c.benchmark() + "|" + c.params(), c.detail());
        Catalog.Entry entry = Catalog.byName("DispatchBench");
        assertEquals(1, results.size());
        Measurement m = BenchRunner.measurement(entry, results.iterator().next(), details);
        assertEquals("dispatchAdd", m.method());
        assertEquals("cpu", m.backend());
        assertEquals(2, m.samples().length);
        // A 16-element add takes well under a millisecond and more than a nanosecond.
        assertTrue(m.median() > 1e-9 && m.median() < 1e-3, "median " + m.median() + " s");
        assertNotNull(m.check(), "the trial's check should be joined by benchmark and parameters");
        assertTrue(m.check().startsWith("16 values"), m.check());
        assertTrue(Files.size(checks) > 0);
        assertTrue(m.heapBytesPerOp() >= 0, "JMH's GC profiler gives heap bytes per op: " + m.heapBytesPerOp());
    }
}
