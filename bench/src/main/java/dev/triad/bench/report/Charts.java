package dev.triad.bench.report;

import dev.triad.bench.Catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts of a report: the matmul size sweep as lines against the machine's peak, and for
 * every group bars of throughput (or, for compile times, of time). Bars are coloured by
 * backend, with the same colours in every chart.
 */
final class Charts {
    private Charts() {}

    /**
     * One chart.
     *
     * @param id file-name-safe id ({@code charts/<id>.svg})
     * @param group the section it belongs to
     * @param svg the SVG document
     */
    record Chart(String id, Catalog.Group group, String svg) {}

    static List<Chart> of(BenchReport r) {
        Svg.Colors colors = new Svg.Colors(r.machine().availableBackends());
        List<Chart> out = new ArrayList<>();
        String sweep = matmulSweep(r, colors);
        if (sweep != null) out.add(new Chart("matmul-sweep", Catalog.Group.KERNELS, sweep));
        List<Measurement> kernels = r.group(Catalog.Group.KERNELS);
        if (!kernels.isEmpty()) {
            out.add(new Chart("kernels", Catalog.Group.KERNELS, Svg.bars("Kernels: share of the machine limit (higher is better)",
                    "% of the limit: FP32 matmul peak for matmul/conv, copy bandwidth for the memory-bound kernels",
                    groups(kernels, m -> 100 * r.fractionOfLimit(m), m -> Rows.throughput(m) + " · " + Fmt.percent(r.fractionOfLimit(m)) + " · " + Fmt.time(m.median())),
                    colors, v -> Fmt.sig(v) + "%", 100, "machine limit")));
        }
        List<Measurement> overhead = r.group(Catalog.Group.OVERHEAD);
        if (!overhead.isEmpty()) {
            out.add(new Chart("overhead", Catalog.Group.OVERHEAD, Svg.bars("Framework overhead: operations per second (higher is better)", "operations per second",
                    groups(overhead, Measurement::opsPerSecond, m -> Fmt.time(m.median()) + " per op"), colors, v -> Fmt.perSecond(v, "").replace("/s", ""),
                    Double.NaN, "")));
        }
        List<Measurement> other = r.group(Catalog.Group.OTHER);
        if (!other.isEmpty()) {
            out.add(new Chart("other", Catalog.Group.OTHER, Svg.bars("Other benchmarks: operations per second (higher is better)", "operations per second",
                    groups(other, Measurement::opsPerSecond, m -> Fmt.time(m.median()) + " per op"), colors, v -> Fmt.perSecond(v, "").replace("/s", ""),
                    Double.NaN, "")));
        }
        List<Measurement> training = r.group(Catalog.Group.TRAINING);
        if (!training.isEmpty()) {
            out.add(new Chart("training", Catalog.Group.TRAINING, Svg.bars("Training steps per second (higher is better)", "steps per second",
                    groups(training, Measurement::opsPerSecond, m -> Rows.throughput(m) + " · " + Fmt.time(m.median()) + "/step"), colors, Fmt::sig, Double.NaN, "")));
        }
        List<Measurement> compile = r.group(Catalog.Group.COMPILE);
        if (!compile.isEmpty()) {
            out.add(new Chart("compile", Catalog.Group.COMPILE, Svg.bars("Compile times (lower is better)", "milliseconds per cold compile",
                    groups(compile, m -> m.median() * 1e3, m -> Fmt.time(m.median())), colors, Fmt::sig, Double.NaN, "")));
        }
        if (!r.memory().isEmpty()) {
            Map<String, List<Svg.Bar>> g = new LinkedHashMap<>();
            for (MemoryRow row : r.memory()) {
                if (row.use() == null) continue;
                g.computeIfAbsent(row.model() + " · " + row.frontend(), k -> new ArrayList<>()).add(new Svg.Bar(row.backend(), row.use().peakBytes() / 1048576.0,
                        "peak " + Fmt.bytes(row.use().peakBytes()) + " · resident " + Fmt.bytes(row.use().residentBytes()) + " · heap "
                                + Rows.heapPerStep(r, row) + "/step"));
            }
            List<Svg.Group> groups = new ArrayList<>();
            for (Map.Entry<String, List<Svg.Bar>> e : g.entrySet()) groups.add(new Svg.Group(e.getKey(), e.getValue()));
            if (!groups.isEmpty()) {
                out.add(new Chart("memory", Catalog.Group.MEMORY, Svg.bars("Peak device memory during one training step (lower is better)", "MiB", groups, colors,
                        Fmt::sig, Double.NaN, "")));
            }
        }
        return out;
    }

    /** Bars grouped by configuration (label plus front-end), one bar per backend. */
    private static List<Svg.Group> groups(List<Measurement> rows, java.util.function.ToDoubleFunction<Measurement> value,
                                          java.util.function.Function<Measurement, String> note) {
        Map<String, List<Svg.Bar>> g = new LinkedHashMap<>();
        for (Measurement m : rows) {
            String label = m.group() == Catalog.Group.TRAINING ? m.params().get("model") + " · " + m.frontend()
                    : m.group() == Catalog.Group.OTHER ? (m.benchmark() + "." + m.method() + " " + m.config()).trim() : (m.method() + " " + m.config()).trim();
            g.computeIfAbsent(label, k -> new ArrayList<>()).add(new Svg.Bar(m.backend().isEmpty() ? "(its own backend)" : m.backend(), value.applyAsDouble(m),
                    note.apply(m)));
        }
        List<Svg.Group> out = new ArrayList<>();
        for (Map.Entry<String, List<Svg.Bar>> e : g.entrySet()) out.add(new Svg.Group(e.getKey(), e.getValue()));
        return out;
    }

    /** GFLOP/s over square sizes, one line per backend, with the machine peak; null without square sizes. */
    private static String matmulSweep(BenchReport r, Svg.Colors colors) {
        Map<String, List<double[]>> byBackend = new LinkedHashMap<>();
        List<Double> sizes = new ArrayList<>();
        for (Measurement m : r.group(Catalog.Group.KERNELS)) {
            if (!m.benchmark().equals("MatmulBench")) continue;
            String size = m.params().get("size");
            if (size == null || !size.chars().allMatch(Character::isDigit)) continue;
            double n = Double.parseDouble(size);
            if (!sizes.contains(n)) sizes.add(n);
            byBackend.computeIfAbsent(m.backend(), k -> new ArrayList<>()).add(new double[] {n, m.flops() / 1e9});
        }
        if (sizes.size() < 2) return null;
        List<Svg.Series> series = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : byBackend.entrySet()) {
            e.getValue().sort((a, b) -> Double.compare(a[0], b[0]));
            series.add(new Svg.Series(e.getKey(), e.getValue()));
        }
        double[] ticks = sizes.stream().sorted().mapToDouble(Double::doubleValue).toArray();
        double peak = r.computeLimit().value() / 1e9;
        return Svg.lines("FP32 matmul: square size sweep", "n (matrices n x n, log scale)", "GFLOP/s", series, colors, ticks, Fmt::sig, peak,
                "FP32 limit " + Fmt.sig(peak) + " GFLOP/s");
    }
}
