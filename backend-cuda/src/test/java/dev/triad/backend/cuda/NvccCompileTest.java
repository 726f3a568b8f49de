package dev.triad.backend.cuda;

import dev.triad.codegen.c.CudaDialect;
import dev.triad.codegen.c.ProgramSource;
import dev.triad.codegen.c.Programs;
import dev.triad.codegen.c.runtime.FusedPlan;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.Value;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every kernel the emitter produces for CUDA — the common program, the program of every dtype
 * (each primitive the backend runs), and fused chains — compiles with nvcc to PTX for
 * compute_80 with the backend's own options, and the PTX assembles with ptxas for sm_80 and
 * sm_90. This is what NVRTC and the driver do at run time, checked on machines without a GPU.
 * Skipped, with the reason printed, where nvcc is absent.
 *
 * <p>Kept fast: each program is one translation unit, nvcc runs once per core over a share of
 * them, and the ptxas runs go in parallel.
 */
class NvccCompileTest {
    @TempDir
    Path dir;

    /** The sources to check, by file stem. */
    static Map<String, ProgramSource> sources() {
        Map<String, ProgramSource> m = new LinkedHashMap<>();
        m.put("common", Programs.common(CudaDialect.INSTANCE, CudaRuntime.OPTIONS));
        for (DType t : DType.values()) m.put("dtype_" + t.shortName(), Programs.forDType(t, CudaDialect.INSTANCE, CudaRuntime.OPTIONS));
        int i = 0;
        for (Graph g : fusedChains()) {
            FusedPlan plan = new FusedPlan(g, CudaDialect.INSTANCE, CudaRuntime.OPTIONS, n -> true);
            assertFalse(plan.groups().isEmpty(), "chain " + i + " fused nothing:\n" + g);
            m.put("fused_" + i, new ProgramSource("fused_" + i, plan.source(), plan.kernelNames()));
            i++;
        }
        return m;
    }

    /** Chains over every dtype family: float math, 16-bit storage, integer wrapping, comparisons and select, casts, the widest kernel. */
    static List<Graph> fusedChains() {
        List<Graph> out = new ArrayList<>();
        Shape s = Shape.of(4, 5);
        for (DType t : new DType[] {DType.F32, DType.F64, DType.BF16, DType.F16}) {
            GraphBuilder b = new GraphBuilder();
            Value x = b.parameter(new TensorType(t, s)), y = b.parameter(new TensorType(t, s)), z = b.parameter(new TensorType(t, Shape.of(5)));
            Value h = b.tanh(b.add(b.mul(x, y), b.broadcastTo(z, s)));
            Value e = b.mul(b.logistic(h), b.exp(b.neg(b.abs(x))));
            Value p = b.apply(Prims.POW, Attrs.EMPTY, List.of(b.apply(Prims.MAX, Attrs.EMPTY, List.of(e, y)), b.sqrt(b.abs(x))));
            out.add(b.build(b.round(b.erf(p))));
        }
        for (DType t : new DType[] {DType.I32, DType.I64, DType.U8}) {
            GraphBuilder b = new GraphBuilder();
            Value x = b.parameter(new TensorType(t, s)), y = b.parameter(new TensorType(t, s));
            Value q = b.apply(Prims.DIV, Attrs.EMPTY, List.of(b.mul(x, y), b.sub(y, x)));
            Value r = b.apply(Prims.REM, Attrs.EMPTY, List.of(q, x));
            Value c = b.apply(Prims.LT, Attrs.EMPTY, List.of(r, y));
            // neg and abs need a signed type; u8 gets max/min instead.
            Value yes = t == DType.U8 ? b.apply(Prims.MAX, Attrs.EMPTY, List.of(r, x)) : b.neg(r);
            Value no = t == DType.U8 ? b.apply(Prims.MIN, Attrs.EMPTY, List.of(q, y)) : b.abs(q);
            out.add(b.build(b.apply(Prims.WHERE, Attrs.EMPTY, List.of(c, yes, no))));
        }
        {
            GraphBuilder b = new GraphBuilder();
            Value x = b.parameter(new TensorType(DType.BF16, s)), m = b.parameter(new TensorType(DType.BOOL, s));
            Value f = b.apply(Prims.CAST, Attrs.of(Keys.DTYPE, DType.F32), List.of(x));
            Value i = b.apply(Prims.CAST, Attrs.of(Keys.DTYPE, DType.I32), List.of(b.mul(f, f)));
            Value k = b.apply(Prims.AND, Attrs.EMPTY, List.of(m, b.apply(Prims.GT, Attrs.EMPTY, List.of(i, b.fullLike(i, 3)))));
            Value d = b.apply(Prims.CAST, Attrs.of(Keys.DTYPE, DType.F64), List.of(b.not(k)));
            out.add(b.build(b.apply(Prims.CAST, Attrs.of(Keys.DTYPE, DType.F16), List.of(b.add(d, d)))));
        }
        {
            GraphBuilder b = new GraphBuilder();
            List<Value> in = new ArrayList<>();
            for (int j = 0; j < 7; j++) in.add(b.parameter(new TensorType(DType.F32, s)));
            Value acc = in.get(0);
            for (int j = 1; j < 7; j++) acc = j % 2 == 0 ? b.add(acc, in.get(j)) : b.mul(acc, b.sin(in.get(j)));
            out.add(b.build(b.cos(acc)));
        }
        return out;
    }

    @Test
    void everyKernelCompilesAndAssemblesForSm80AndSm90() throws Exception {
        String[] why = new String[1];
        Nvcc tc = Nvcc.find(why);
        if (tc == null) {
            System.out.println("NvccCompileTest skipped: " + why[0]);
            Assumptions.abort(why[0]);
        }
        long start = System.nanoTime();
        Map<String, ProgramSource> sources = sources();
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, ProgramSource> e : sources.entrySet()) {
            Path f = dir.resolve(e.getKey() + ".cu");
            Files.writeString(f, e.getValue().source());
            files.add(f);
        }
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            // Stage 1: nvcc -ptx, one invocation per worker over a share of the files (big ones spread first).
            files.sort((a, b) -> Long.compare(size(b), size(a)));
            List<List<Path>> shares = new ArrayList<>();
            for (int w = 0; w < workers; w++) shares.add(new ArrayList<>());
            for (int i = 0; i < files.size(); i++) shares.get(i % workers).add(files.get(i));
            List<Future<Nvcc.Run>> compiles = new ArrayList<>();
            for (List<Path> share : shares) {
                if (share.isEmpty()) continue;
                List<String> cmd = new ArrayList<>(List.of(tc.nvcc.toString(), "-ptx", "-arch=compute_80"));
                cmd.addAll(CudaDialect.COMPILE_OPTIONS);
                cmd.addAll(List.of("-Werror", "all-warnings", "-odir", dir.toString()));
                for (Path f : share) cmd.add(f.getFileName().toString());
                compiles.add(pool.submit(() -> Nvcc.run(cmd, dir)));
            }
            for (Future<Nvcc.Run> f : compiles) check(f.get());
            // Every kernel the program promises is an unmangled entry of its PTX.
            for (Map.Entry<String, ProgramSource> e : sources.entrySet()) {
                String ptx = Files.readString(dir.resolve(e.getKey() + ".ptx"));
                for (String k : e.getValue().kernels()) {
                    assertTrue(ptx.contains(".entry " + k + "("), e.getKey() + ".ptx lacks the kernel " + k);
                }
            }
            // Stage 2: ptxas for both architectures, one process per (file, arch).
            List<Future<Nvcc.Run>> assembles = new ArrayList<>();
            for (String stem : sources.keySet()) {
                for (String sm : new String[] {"sm_80", "sm_90"}) {
                    List<String> cmd = List.of(tc.ptxas.toString(), "-arch=" + sm, stem + ".ptx", "-o", stem + "." + sm + ".cubin");
                    assembles.add(pool.submit(() -> Nvcc.run(cmd, dir)));
                }
            }
            for (Future<Nvcc.Run> f : assembles) check(f.get());
        } finally {
            pool.shutdownNow();
        }
        int kernels = sources.values().stream().mapToInt(p -> p.kernels().size()).sum();
        System.out.printf("NvccCompileTest: %d programs, %d kernels compiled by %s and assembled for sm_80 and sm_90 in %.1f s%n",
                sources.size(), kernels, tc.nvcc, (System.nanoTime() - start) / 1e9);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static void check(Nvcc.Run r) {
        if (!r.ok()) fail(String.join(" ", r.command()) + " exited with " + r.exit() + ":\n" + r.output());
    }
}
