package dev.triad.bench.report;

import dev.triad.bench.Catalog;
import dev.triad.bench.Work;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one run produced, ready to be written: when and how it ran, the machine and its
 * limits, every timed configuration, the memory rows and what produced no time.
 *
 * @param started when the run began
 * @param seconds how long it took
 * @param profile quick, full or smoke
 * @param baselineBackend the backend ratios compare with
 * @param baselineFrontend the front-end ratios compare with
 * @param loadBefore the one-minute load average at the start
 * @param loadAfter the one-minute load average at the end
 * @param machine the machine
 * @param peaks its measured limits
 * @param measurements every timed configuration
 * @param memory memory per training step
 * @param skips configurations without a time, with reasons
 */
public record BenchReport(Instant started, double seconds, Catalog.Profile profile, String baselineBackend, String baselineFrontend,
                          double loadBefore, double loadAfter, MachineInfo machine, Peaks peaks, List<Measurement> measurements,
                          List<MemoryRow> memory, List<Skip> skips) {
    /** The measurements of one group, in run order. */
    public List<Measurement> group(Catalog.Group g) {
        List<Measurement> out = new ArrayList<>();
        for (Measurement m : measurements) if (m.group() == g) out.add(m);
        return out;
    }

    /**
     * The row {@code m} is compared with: the same benchmark, method and configuration on the
     * baseline backend, and on the baseline front-end when the benchmark varies front-ends.
     * Null when the baseline did not run.
     */
    public Measurement baselineOf(Measurement m) {
        return index().get(baselineKey(m));
    }

    private String baselineKey(Measurement m) {
        return m.configKey() + "|" + baselineBackend + "|" + (m.frontend() == null ? "" : baselineFrontend);
    }

    private Map<String, Measurement> index() {
        Map<String, Measurement> idx = new HashMap<>();
        for (Measurement m : measurements) idx.put(m.configKey() + "|" + m.backend() + "|" + Objects.toString(m.frontend(), ""), m);
        return idx;
    }

    /**
     * The baseline's median time divided by this row's: above 1 means faster than the
     * baseline. NaN when there is no baseline row.
     */
    public double speedup(Measurement m) {
        Measurement b = baselineOf(m);
        return b == null ? Double.NaN : b.median() / m.median();
    }

    /**
     * A machine limit and where it came from.
     *
     * @param value FLOP/s or bytes/s
     * @param source how it was obtained, in words
     */
    public record Limit(double value, String source) {}

    /**
     * The FP32 limit compute-bound kernels are held against: the measured matmul peak, unless a
     * kernel of this report ran faster (a library can beat the probe's one shape, and a loaded
     * machine can depress the probe); then that kernel's rate, so no row shows more than 100%
     * and the header says which figure was used.
     */
    public Limit computeLimit() {
        return limit(Work.Bound.COMPUTE, peaks.matmulFlops(), "FLOP",
                "the cpu backend's best " + peaks.matmulSize() + "^3 matmul in the runner");
    }

    /** The bandwidth limit memory-bound kernels are held against, chosen like {@link #computeLimit()}. */
    public Limit memoryLimit() {
        return limit(Work.Bound.MEMORY, peaks.copyBytesPerSecond(), "B",
                "the STREAM-like copy (" + peaks.copyThreads() + " threads, " + Fmt.bytes(peaks.copyBytes()) + ")");
    }

    private Limit limit(Work.Bound bound, double measured, String unit, String probe) {
        Measurement best = null;
        double bestRate = 0;
        for (Measurement m : measurements) {
            if (m.work().bound() != bound) continue;
            double rate = bound == Work.Bound.COMPUTE ? m.flops() : m.bytesPerSecond();
            if (Double.isFinite(rate) && rate > bestRate) {
                bestRate = rate;
                best = m;
            }
        }
        if (best == null || !(bestRate > measured) && Double.isFinite(measured)) {
            return new Limit(measured, "measured: " + probe);
        }
        return new Limit(bestRate, best.label() + " on " + best.backend() + " (faster than " + probe + ", which gave "
                + Fmt.perSecond(measured, unit) + ")");
    }

    /** The fraction of the machine limit a row reaches (NaN when it has no work model). */
    public double fractionOfLimit(Measurement m) {
        return switch (m.work().bound()) {
            case COMPUTE -> m.flops() / computeLimit().value();
            case MEMORY -> m.bytesPerSecond() / memoryLimit().value();
            case NONE -> Double.NaN;
        };
    }

    /** The baseline, in words. */
    public String baselineName() { return baselineBackend + " backend, " + baselineFrontend + " front-end"; }
}
