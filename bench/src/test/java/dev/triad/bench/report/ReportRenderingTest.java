package dev.triad.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triad.bench.Catalog;
import dev.triad.bench.Work;
import dev.triad.bench.training.MemoryProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The report's arithmetic (medians, ratios, fractions of the limit) and its three renderings, on made-up results. */
class ReportRenderingTest {
    static Measurement m(String bench, String method, Catalog.Group g, Map<String, String> params, Work work, double... seconds) {
        return new Measurement(bench, method, g, params, false, seconds, Double.NaN, work, "64 values, max abs err 1e-06, worst at 3% of tolerance (atol 1e-05 + rtol 0.0001)",
                g == Catalog.Group.TRAINING ? 1 << 20 : Double.NaN);
    }

    static BenchReport report() {
        MachineInfo machine = new MachineInfo("Test CPU <&>", 2, 2, 512, List.of("avx512f"), "JDK 25", "Linux", 1L << 34, "abc123", "1.37",
                List.of(new MachineInfo.BackendInfo("cpu", "0.1.0", 10, true, "2 threads", List.of()),
                        new MachineInfo.BackendInfo("fast", "0.1.0", 5, true, "test", List.of())),
                MachineInfo.listFrontends());
        Peaks peaks = new Peaks(100e9, 1024, 20e9, 256L << 20, 2, "test");
        Work mm = Work.compute(2.0 * 512 * 512 * 512, 3.0 * 4 * 512 * 512);
        List<Measurement> ms = List.of(
                m("MatmulBench", "matmul", Catalog.Group.KERNELS, Map.of("backend", "cpu", "size", "512"), mm, 0.004, 0.0027, 0.0026),
                m("MatmulBench", "matmul", Catalog.Group.KERNELS, Map.of("backend", "fast", "size", "512"), mm, 0.0014, 0.0013, 0.0012),
                m("MatmulBench", "matmul", Catalog.Group.KERNELS, Map.of("backend", "cpu", "size", "1024"), mm, 0.02, 0.02, 0.02),
                m("SoftmaxBench", "softmax", Catalog.Group.KERNELS, Map.of("backend", "cpu", "shape", "4096x1024"), Work.memory(5.0 * (4 << 20), 8.0 * (4 << 20)), 0.01),
                m("TrainStepBench", "trainStep", Catalog.Group.TRAINING, Map.of("backend", "cpu", "model", "mlp", "frontend", "eager"), Work.NONE, 0.02, 0.02),
                m("TrainStepBench", "trainStep", Catalog.Group.TRAINING, Map.of("backend", "cpu", "model", "mlp", "frontend", "graph"), Work.NONE, 0.01, 0.01),
                m("TrainStepBench", "trainStep", Catalog.Group.TRAINING, Map.of("backend", "fast", "model", "mlp", "frontend", "graph"), Work.NONE, 0.005),
                m("CompileBench", "jitTraceCompile", Catalog.Group.COMPILE, Map.of("backend", "cpu"), Work.NONE, 0.1, 0.12));
        List<MemoryRow> mem = List.of(new MemoryRow("cpu", "mlp", "eager", new MemoryProbe.Use(1 << 20, 4 << 20, 1 << 16, 30, 0.9), null),
                new MemoryRow("fast", "mlp", "graph", null, "boom"));
        return new BenchReport(Instant.parse("2026-11-25T10:00:00Z"), 200, Catalog.Profile.QUICK, "cpu", "eager", 3.5, 4.0, machine, peaks, ms, mem,
                List.of(new Skip("OpenClProgramBench", "backend=opencl", "applies only to [opencl]")));
    }

    @Test
    void mediansComeFromTheRawSamples() {
        Measurement x = report().measurements().get(0);
        assertEquals(0.0027, x.median(), 1e-12);
        assertEquals((0.004 - 0.0026) / 2, x.spread(), 1e-12);
    }

    @Test
    void ratiosCompareTheSameConfigurationOnTheBaseline() {
        BenchReport r = report();
        List<Measurement> ms = r.measurements();
        assertEquals(0.0027 / 0.0013, r.speedup(ms.get(1)), 1e-9);
        assertEquals(1.0, r.speedup(ms.get(0)), 0);
        // Training compares with the baseline front-end too: graph on cpu against eager on cpu.
        assertEquals(2.0, r.speedup(ms.get(5)), 1e-9);
        assertEquals(4.0, r.speedup(ms.get(6)), 1e-9);
        // 2 * 512^3 FLOPs in 1.3 ms is 206 GFLOP/s, faster than the 100 GFLOP/s probe: it becomes the limit.
        assertEquals(1.0, r.fractionOfLimit(ms.get(1)), 1e-12);
        assertEquals(0.0013 / 0.0027, r.fractionOfLimit(ms.get(0)), 1e-9);
        assertTrue(r.computeLimit().source().contains("matmul size=512 on fast"), r.computeLimit().source());
        // The softmax moves 3.4 GB/s, below the 20 GB/s copy: the probe stays the bandwidth limit.
        assertEquals(20e9, r.memoryLimit().value(), 0);
        assertTrue(Double.isNaN(r.fractionOfLimit(ms.get(4))));
    }

    @Test
    void writesHtmlMarkdownJsonAndWellFormedCharts(@TempDir Path dir) throws Exception {
        BenchRunner.write(report(), dir);
        String html = Files.readString(dir.resolve("report.html"));
        for (String s : List.of("<svg", "Kernels", "Training steps", "Compile times", "Memory per training step", "Not measured", "Test CPU &lt;&amp;&gt;",
                "206 GFLOP/s", "20.0 GB/s", "eager-compiled", "boom", "FP32 matmul: square size sweep")) {
            assertTrue(html.contains(s), "report.html lacks " + s);
        }
        assertTrue(!html.contains("<script") && !html.contains("http://") || html.indexOf("http://") == html.indexOf("http://www.w3.org/2000/svg"),
                "the page must load nothing from outside");
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| benchmark |") && md.contains("![kernels](charts/kernels.svg)"), md);
        String json = Files.readString(dir.resolve("report.json"));
        assertTrue(json.contains("\"samplesSeconds\": [0.00400000, 0.00270000, 0.00260000]"), json);
        try (var files = Files.list(dir.resolve("charts"))) {
            for (Path svg : files.toList()) {
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(Files.readString(svg))));
            }
        }
    }

    @Test
    void ticksCoverTheMaximumWithRoundSteps() {
        double[] t = Svg.ticks(87, 6);
        assertEquals(0, t[0]);
        assertTrue(t[t.length - 1] >= 87);
        assertEquals(10, t[1] - t[0], 1e-9);
        assertEquals(90, t[t.length - 1], 1e-9);
    }

    @Test
    void formatsForPeople() {
        assertEquals("412 µs", Fmt.time(412e-6));
        assertEquals("3.07 ms", Fmt.time(3.07e-3));
        assertEquals("1.50 GFLOP/s", Fmt.perSecond(1.5e9, "FLOP"));
        assertEquals("4.00 MiB", Fmt.bytes(4 << 20));
        assertEquals("61%", Fmt.percent(0.612));
    }
}
