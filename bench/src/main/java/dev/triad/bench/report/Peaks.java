package dev.triad.bench.report;

import dev.triad.bench.HostData;
import dev.triad.bench.check.Checks;
import dev.triad.bench.check.Ref;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.Shape;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The machine's two limits that kernels are held against: FP32 matmul throughput (the CPU
 * backend's own best at 1024^3, after warm-up, its result checked) and memory bandwidth (a
 * STREAM-like copy of 256 MiB between off-heap arrays on every core, counting bytes read plus
 * bytes written, as STREAM does).
 *
 * @param matmulFlops best FP32 matmul FLOP/s (NaN when the CPU backend is unavailable)
 * @param matmulSize the square size used
 * @param copyBytesPerSecond best copy bandwidth, bytes read plus written per second
 * @param copyBytes the size of one array copied
 * @param copyThreads threads copying
 * @param note how they were measured, or what went wrong
 */
public record Peaks(double matmulFlops, int matmulSize, double copyBytesPerSecond, long copyBytes, int copyThreads, String note) {
    static final int MATMUL = 1024;
    static final long COPY_BYTES = 256L << 20;

    /** Measures both limits, reporting progress to {@code log}. */
    public static Peaks measure(PrintStream log) {
        String note = "";
        double flops = Double.NaN;
        try {
            flops = matmulPeak();
        } catch (RuntimeException | LinkageError e) {
            note = "matmul peak not measured: " + e.getMessage() + ". ";
        }
        int threads = Runtime.getRuntime().availableProcessors();
        double bw = copyBandwidth(threads);
        log.printf(java.util.Locale.ROOT, "triad bench: machine limits: FP32 matmul %s (cpu backend, %d^3), copy %s (%d threads, %s arrays)%n",
                Fmt.perSecond(flops, "FLOP"), MATMUL, Fmt.perSecond(bw, "B"), threads, Fmt.bytes(COPY_BYTES));
        return new Peaks(flops, MATMUL, bw, COPY_BYTES, threads, note + "matmul: best of 20 after up to 3 s of warm-up; copy: best of 12, bytes read + written");
    }

    private static double matmulPeak() {
        int n = MATMUL;
        float[] a = HostData.uniform(1, n * n, -1, 1), b = HostData.uniform(2, n * n, -1, 1);
        try (Backend be = Backends.open("cpu");
             DeviceArray x = be.upload(HostData.f32(Shape.of(n, n), a));
             DeviceArray w = be.upload(HostData.f32(Shape.of(n, n), b))) {
            try (DeviceArray r = Dispatch.execute(be, Prims.MATMUL, Attrs.EMPTY, List.of(x, w))) {
                // The peak is only worth quoting if the kernel that set it computes the right thing.
                int[] idx = Ref.sample(3, 64, n * n);
                double[][] ref = Ref.matmulAt(a, b, n, n, n, idx);
                Checks.closeScaled("peak matmul", idx, be.download(r).toFloats(), ref[0], ref[1], 1e-4, 1e-5);
            }
            long deadline = System.nanoTime() + 3_000_000_000L;
            for (int i = 0; i < 60 && System.nanoTime() < deadline; i++) {
                try (DeviceArray _ = Dispatch.execute(be, Prims.MATMUL, Attrs.EMPTY, List.of(x, w))) {
                    be.synchronize();
                }
            }
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                try (DeviceArray _ = Dispatch.execute(be, Prims.MATMUL, Attrs.EMPTY, List.of(x, w))) {
                    be.synchronize();
                }
                best = Math.min(best, System.nanoTime() - t0);
            }
            return 2.0 * n * n * n / (best / 1e9);
        }
    }

    private static double copyBandwidth(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment src = arena.allocate(COPY_BYTES, 64), dst = arena.allocate(COPY_BYTES, 64);
            for (long i = 0; i < COPY_BYTES; i += 4096) src.set(ValueLayout.JAVA_BYTE, i, (byte) (i >> 12)); // touch every page
            dst.fill((byte) 0);
            long slice = COPY_BYTES / threads;
            long best = Long.MAX_VALUE;
            for (int rep = 0; rep < 14; rep++) {
                List<Future<?>> parts = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    long off = t * slice, len = t == threads - 1 ? COPY_BYTES - off : slice;
                    parts.add(pool.submit(() -> MemorySegment.copy(src, off, dst, off, len)));
                }
                for (Future<?> f : parts) f.get();
                long dt = System.nanoTime() - t0;
                if (rep >= 2) best = Math.min(best, dt);
            }
            if (dst.get(ValueLayout.JAVA_BYTE, 3 * 4096) != 3) throw new IllegalStateException("the copy did not copy");
            return 2.0 * COPY_BYTES / (best / 1e9);
        } catch (Exception e) {
            return Double.NaN;
        } finally {
            pool.shutdownNow();
        }
    }
}
