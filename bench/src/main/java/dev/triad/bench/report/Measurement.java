package dev.triad.bench.report;

import dev.triad.bench.Catalog;
import dev.triad.bench.Work;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One timed configuration: a benchmark method with its parameters, and JMH's raw iteration
 * scores converted to seconds per operation.
 *
 * @param benchmark the benchmark class's simple name
 * @param method the {@code @Benchmark} method
 * @param group the report section
 * @param params every JMH parameter, backend included, sorted by name
 * @param singleShot whether each sample is one cold call
 * @param samples seconds per operation, one per measurement iteration (all forks)
 * @param jmhError JMH's 99.9% confidence half-width, in seconds (NaN when it has none)
 * @param work FLOPs and bytes per operation
 * @param check what the trial's output check compared (null when the log has no entry)
 * @param heapBytesPerOp Java heap allocated per operation by all threads, from JMH's GC
 *     profiler (NaN when it did not run)
 */
public record Measurement(String benchmark, String method, Catalog.Group group, Map<String, String> params, boolean singleShot,
                          double[] samples, double jmhError, Work work, String check, double heapBytesPerOp) {
    /** Copies the parameters into name order. */
    public Measurement {
        params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    }

    /** Median seconds per operation. */
    public double median() { return Stats.median(samples); }

    /** Half the range of the samples, in seconds. */
    public double spread() { return Stats.halfRange(samples); }

    /** The backend parameter. */
    public String backend() { return params.getOrDefault("backend", ""); }

    /** The front-end parameter, or null for benchmarks that do not vary it. */
    public String frontend() { return params.get("frontend"); }

    /** Operations per second at the median. */
    public double opsPerSecond() { return 1 / median(); }

    /** FLOP/s at the median (NaN without a FLOP count). */
    public double flops() { return work.flops() > 0 ? work.flops() / median() : Double.NaN; }

    /** Bytes/s at the median (NaN without a byte count). */
    public double bytesPerSecond() { return work.bytes() > 0 ? work.bytes() / median() : Double.NaN; }

    /** The configuration without backend and front-end, e.g. {@code size=1024}. */
    public String config() {
        StringJoiner j = new StringJoiner(" ");
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getKey().equals("backend") || e.getKey().equals("frontend")) continue;
            j.add(e.getKey() + "=" + e.getValue());
        }
        return j.toString();
    }

    /** A short display name: method plus configuration, e.g. {@code matmul size=1024}. */
    public String label() {
        String c = config();
        return c.isEmpty() ? method : method + " " + c;
    }

    /** The key that identifies the same configuration on another backend or front-end. */
    String configKey() { return benchmark + "." + method + " " + config(); }
}
