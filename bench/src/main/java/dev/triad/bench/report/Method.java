package dev.triad.bench.report;

import java.util.List;

/** How the numbers were made, in sentences shared by the HTML and Markdown reports. */
final class Method {
    private Method() {}

    static List<String> lines(BenchReport r) {
        return List.of(
                "JMH " + r.machine().jmhVersion() + ", one JMH run per benchmark class in forked JVMs (" + BenchRunner.describe(r.profile())
                        + "); the median and the half range come from JMH's raw per-iteration scores, not from its averaged summary.",
                "Every measured operation ends with Backend.synchronize(), so queued device work is inside the timed region.",
                "Every configuration checked its output once before it was timed: kernels against float64 loops written out by hand (all elements, or "
                        + "64 sampled elements of large matmuls and convolutions, tolerance scaled by the sum of |terms|), copies bit for bit, training "
                        + "steps by the losses of two steps against a float64 trainer with hand-written backpropagation. A failed check gives no time.",
                "'vs baseline' is the baseline's median time divided by this row's (above 1: faster than the " + r.baselineName()
                        + " for the same benchmark and configuration).",
                "Machine limits: FP32 = the cpu backend's best " + r.peaks().matmulSize() + "^3 matmul after warm-up ("
                        + Fmt.perSecond(r.peaks().matmulFlops(), "FLOP") + "); bandwidth = best STREAM-style copy of " + Fmt.bytes(r.peaks().copyBytes())
                        + " on " + r.peaks().copyThreads() + " threads, counting bytes read plus written (" + Fmt.perSecond(r.peaks().copyBytesPerSecond(), "B")
                        + "). When a kernel of this report ran faster than its probe, that kernel's rate is the limit instead (the header says "
                        + "which), so shares never exceed 100%. Compute-bound kernels (matmul, conv) are held against the FP32 limit, memory-bound "
                        + "ones against the bandwidth, with bytes = each input read once plus each output written once.",
                "Training steps use synthetic data (seeded uniform images, random labels) so runs are offline and identical across backends; "
                        + "memory rows come from the backend's caching allocator (live bytes between steps, peak during a step, measured in the "
                        + "runner's JVM after warm-up steps); heap per step or per op is JMH's GC profiler (gc.alloc.rate.norm, all threads) over the "
                        + "measured iterations of the training and overhead benchmarks.",
                "Compile times are single cold calls after JVM warm-up iterations. The OpenCL 'cold' build has an empty Triad program cache; "
                        + "PoCL's own kernel cache may still be warm (run with POCL_KERNEL_CACHE=0 for a truly cold build).");
    }
}
