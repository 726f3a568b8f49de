package dev.triad.bench.report;

import dev.triad.bench.Catalog;
import dev.triad.bench.training.TrainSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The table rows of a report, formatted once for both the HTML and the Markdown writer, so
 * both always say the same thing.
 */
final class Rows {
    private Rows() {}

    /** The column headings of a group's table. */
    static List<String> headings(Catalog.Group g) {
        List<String> h = new ArrayList<>(List.of("benchmark", "configuration", "backend"));
        if (g == Catalog.Group.TRAINING) h.add("front-end");
        h.addAll(List.of("median", "± (half range)", "n", "throughput"));
        if (g == Catalog.Group.KERNELS) h.add("% of machine limit");
        if (g == Catalog.Group.OVERHEAD || g == Catalog.Group.TRAINING || g == Catalog.Group.OTHER) h.add("heap per op");
        h.add("vs baseline");
        h.add("check");
        return h;
    }

    /** The cells of {@code m}'s row, matching {@link #headings}. */
    static List<String> cells(BenchReport r, Measurement m) {
        List<String> c = new ArrayList<>(List.of(m.benchmark().replace("Bench", "") + "." + m.method(), m.config().isEmpty() ? "—" : m.config(),
                m.backend().isEmpty() ? "(its own)" : m.backend()));
        if (m.group() == Catalog.Group.TRAINING) c.add(m.frontend() == null ? "—" : m.frontend());
        c.add(Fmt.time(m.median()));
        c.add(Fmt.time(m.spread()));
        c.add(Integer.toString(m.samples().length));
        c.add(throughput(m));
        if (m.group() == Catalog.Group.KERNELS) c.add(Fmt.percent(r.fractionOfLimit(m)));
        if (m.group() == Catalog.Group.OVERHEAD || m.group() == Catalog.Group.TRAINING || m.group() == Catalog.Group.OTHER) {
            c.add(Fmt.bytes(m.heapBytesPerOp()));
        }
        Measurement b = r.baselineOf(m);
        c.add(b == null ? "— (none on baseline)" : b == m ? "1x (baseline)" : Fmt.ratio(r.speedup(m)));
        c.add(m.check() == null ? "not logged (the benchmark's own setup)" : "passed: " + compact(m.check()));
        return c;
    }

    /**
     * A check summary for a table cell: how many values and how close the worst came to its
     * tolerance; the errors and the rule stay in the tooltip and the JSON.
     */
    static String compact(String check) {
        int paren = check.indexOf(" (");
        String s = paren > 0 ? check.substring(0, paren) : check;
        int err = s.indexOf(", max abs err");
        int worst = s.indexOf(", worst at");
        return err > 0 && worst > err ? s.substring(0, err) + s.substring(worst) : s;
    }

    /** The row's throughput in the unit that suits its group. */
    static String throughput(Measurement m) {
        return switch (m.group()) {
            case KERNELS -> switch (m.work().bound()) {
                case COMPUTE -> Fmt.perSecond(m.flops(), "FLOP");
                case MEMORY -> Fmt.perSecond(m.bytesPerSecond(), "B");
                case NONE -> Fmt.perSecond(m.opsPerSecond(), "op");
            };
            case TRAINING -> {
                String model = m.params().get("model");
                double steps = m.opsPerSecond();
                yield Fmt.sig(steps) + " steps/s (" + Fmt.perSecond(steps * (model == null ? 1 : TrainSpec.of(model).batch()), "img") + ")";
            }
            case OVERHEAD -> Fmt.perSecond(m.opsPerSecond(), "op");
            case COMPILE, MEMORY -> "—";
            case OTHER -> Fmt.perSecond(m.opsPerSecond(), "op");
        };
    }

    /** Headings of the memory table. */
    static List<String> memoryHeadings() {
        return List.of("model", "front-end", "backend", "device: resident", "device: peak in a step", "heap per step", "allocations per step",
                "from cache", "peak vs baseline");
    }

    /** The cells of one memory row. */
    static List<String> memoryCells(BenchReport r, MemoryRow row) {
        if (row.use() == null) return List.of(row.model(), row.frontend(), row.backend(), "not measured: " + row.error(), "", "", "", "", "");
        MemoryRow base = null;
        for (MemoryRow o : r.memory()) {
            if (o.use() != null && o.model().equals(row.model()) && o.backend().equals(r.baselineBackend()) && o.frontend().equals(r.baselineFrontend())) base = o;
        }
        String vs = base == null ? "—" : base == row ? "1x (baseline)" : Fmt.ratio((double) row.use().peakBytes() / base.use().peakBytes());
        return List.of(row.model(), row.frontend(), row.backend(), Fmt.bytes(row.use().residentBytes()), Fmt.bytes(row.use().peakBytes()),
                heapPerStep(r, row), Fmt.sig(row.use().allocationsPerStep()), Fmt.percent(row.use().cacheHitRate()), vs);
    }

    /**
     * Heap per step: JMH's GC profiler over the training benchmark's measured iterations when
     * that ran (after JMH's warm-up, so it is the steady state), else the probe's own count.
     */
    static String heapPerStep(BenchReport r, MemoryRow row) {
        for (Measurement m : r.group(Catalog.Group.TRAINING)) {
            if (m.backend().equals(row.backend()) && row.model().equals(m.params().get("model")) && row.frontend().equals(m.frontend())
                    && Double.isFinite(m.heapBytesPerOp())) {
                return Fmt.bytes(m.heapBytesPerOp());
            }
        }
        return Fmt.bytes(row.use().heapBytesPerStep()) + " (probe)";
    }
}
