package dev.triad.bench.compile;

import dev.triad.bench.BenchBackend;
import dev.triad.bench.HostData;
import dev.triad.bench.Jvm;
import dev.triad.bench.Work;
import dev.triad.bench.check.CheckFailedException;
import dev.triad.bench.check.CheckLog;
import dev.triad.bench.check.CheckOutcome;
import dev.triad.bench.check.Checks;
import dev.triad.bench.check.Ref;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.Shape;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The OpenCL backend's first F32 op on a freshly opened backend: the op needs the F32 program,
 * which is built from source ({@code cache=cold}: Triad's program cache directory is empty) or
 * loaded as the device binary Triad cached on an earlier run ({@code cache=warm}). The timed
 * region is the first 64x64 matmul, synchronised; opening the backend is not timed.
 *
 * <p>PoCL keeps a kernel cache of its own ({@code POCL_CACHE_DIR}); when it already holds the
 * program, the cold build is faster than on a truly fresh machine. Run with
 * {@code POCL_KERNEL_CACHE=0} in the environment to measure a truly cold build.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {Jvm.ADD_MODULES, Jvm.VECTOR, Jvm.NATIVE_ACCESS, Jvm.STACK})
public class OpenClProgramBench {
    /** The backend: only {@code opencl} has programs. */
    @Param({"opencl"})
    public String backend;

    /** {@code cold} (build from source) or {@code warm} (load Triad's cached binary). */
    @Param({"cold", "warm"})
    public String cache;

    /** The system property the OpenCL backend reads its program cache directory from. */
    static final String CACHE_DIR = "triad.opencl.cacheDir";
    static final int N = 64;

    private final float[] as = HostData.uniform(91, N * N, -1, 1), bs = HostData.uniform(92, N * N, -1, 1);
    private Path warmDir;
    private Path dir;
    private Backend b;
    private DeviceArray x, w;

    /** No work model. */
    public static Work work(Map<String, String> p) { return Work.NONE; }

    /** Checks the first op's result once, and fills the warm cache for {@code cache=warm}. */
    @Setup(Level.Trial)
    public void setupTrial() {
        Map<String, String> params = Map.of("backend", backend, "cache", cache);
        if (!backend.equals("opencl")) throw BenchBackend.skip("OpenClProgramBench", CheckLog.key(params), "only the opencl backend builds programs");
        try {
            warmDir = Files.createTempDirectory("triad-bench-ocl-warm");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openAt(warmDir);
        try {
            float[] out;
            try (DeviceArray r = firstOp()) {
                out = b.download(r).toFloats();
            }
            int[] idx = Ref.sample(93, 64, N * N);
            double[][] ref = Ref.matmulAt(as, bs, N, N, N, idx);
            CheckOutcome o = Checks.closeScaled("opencl first matmul", idx, out, ref[0], ref[1], 1e-4, 1e-5);
            CheckLog.passed("OpenClProgramBench", params, o);
        } catch (CheckFailedException e) {
            CheckLog.failed("OpenClProgramBench", params, e.getMessage());
            throw e;
        } finally {
            closeBackend();
        }
    }

    /** Opens a fresh backend whose program cache is empty (cold) or already holds the program (warm). */
    @Setup(Level.Invocation)
    public void setupInvocation() throws IOException {
        dir = cache.equals("cold") ? Files.createTempDirectory("triad-bench-ocl-cold") : warmDir;
        openAt(dir);
    }

    private void openAt(Path cacheDir) {
        System.setProperty(CACHE_DIR, cacheDir.toString());
        b = BenchBackend.open(backend, "OpenClProgramBench", CheckLog.key(Map.of("backend", backend, "cache", cache)));
        x = b.upload(HostData.f32(Shape.of(N, N), as));
        w = b.upload(HostData.f32(Shape.of(N, N), bs));
        b.synchronize();
    }

    private DeviceArray firstOp() { return Dispatch.execute(b, Prims.MATMUL, Attrs.EMPTY, List.of(x, w)); }

    /** The first F32 op on the fresh backend: program build or load, plus one tiny matmul. */
    @Benchmark
    public void firstF32Op() {
        try (DeviceArray _ = firstOp()) {
            b.synchronize();
        }
    }

    /** Closes the backend and removes a cold cache directory. */
    @TearDown(Level.Invocation)
    public void tearDownInvocation() {
        closeBackend();
        if (dir != null && !dir.equals(warmDir)) delete(dir);
    }

    /** Removes the warm cache directory. */
    @TearDown(Level.Trial)
    public void tearDownTrial() {
        if (warmDir != null) delete(warmDir);
        System.clearProperty(CACHE_DIR);
    }

    private void closeBackend() {
        if (x != null) x.close();
        if (w != null) w.close();
        if (b != null) b.close();
        x = w = null;
        b = null;
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            System.err.println("triad-bench: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
