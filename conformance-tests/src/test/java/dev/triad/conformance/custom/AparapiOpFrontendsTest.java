package dev.triad.conformance.custom;

import com.aparapi.Kernel;
import dev.triad.backend.cpu.CpuBackendProvider;
import dev.triad.backend.opencl.aparapi.AparapiOp;
import dev.triad.backend.opencl.aparapi.AparapiOps;
import dev.triad.backend.opencl.aparapi.ExecutionMode;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.custom.CustomVjp;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.types.DType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Aparapi kernels as custom ops, through the eager, graph and functional front-ends: a fused
 * {@code x * sigmoid(x)} (elementwise) and a row sum (index space, with a size field), each with
 * a VJP composed of existing ops; every run must really have executed on the OpenCL device.
 * Runs on the CPU backend (the op's host path: download, Aparapi on OpenCL, upload). Skipped,
 * with the reason printed, when Aparapi sees no OpenCL device.
 */
class AparapiOpFrontendsTest {
    /** {@code x * sigmoid(x)} in one kernel. */
    static final class SiluKernel extends Kernel {
        float[] x;
        float[] out;

        @Override public void run() {
            int i = getGlobalId();
            out[i] = x[i] / (1f + exp(-x[i]));
        }
    }

    /** Row sums of a [rows, cols] matrix: one work item per row. */
    static final class RowSumKernel extends Kernel {
        float[] x;
        float[] out;
        int cols;

        @Override public void run() {
            int r = getGlobalId();
            float s = 0f;
            for (int c = 0; c < cols; c++) s += x[r * cols + c];
            out[r] = s;
        }
    }

    private static Backend cpu;
    private static AparapiOp silu, rowSum;

    @BeforeAll
    static void setUp() {
        String why = AparapiOps.whyNoOpenCl();
        if (!why.isEmpty()) System.out.println("AparapiOpFrontendsTest skipped: " + why);
        Assumptions.assumeTrue(why.isEmpty(), why);
        cpu = new CpuBackendProvider().open();
        silu = AparapiOps.elementwise("aparapi_silu", new SiluKernel()).inputs("x").output("out")
                .vjp(new CustomVjp() {
                    @Override public <T> List<T> vjp(Ops<T> ops, List<T> in, T y, T g) {
                        T x = in.get(0), s = ops.logistic(x);
                        // d/dx x s(x) = s + x s (1 - s)
                        return List.of(ops.mul(g, ops.add(s, ops.mul(x, ops.mul(s, ops.rsub(1.0, s))))));
                    }
                })
                .description("fused x * sigmoid(x)")
                .register();
        rowSum = AparapiOps.indexSpace("aparapi_rowsum", new RowSumKernel(),
                        in -> CustomOpFrontendsTest.rowSumType("aparapi_rowsum", in),
                        List.of((in, out) -> in.get(0).shape().dim(0)))
                .inputs("x").output("out")
                .size("cols", (in, out) -> in.get(0).shape().dim(1))
                .vjp(CustomOpFrontendsTest.ROW_SUM_VJP)
                .register();
    }

    @AfterAll
    static void tearDown() {
        if (silu != null) silu.close();
        if (rowSum != null) rowSum.close();
        if (cpu != null) cpu.close();
    }

    @Test
    void eagerGraphAndFunctionalRunTheKernelsOnOpenCl() {
        // F32 kernels: a finite-difference step of 1e-2 keeps rounding (1e-7 relative, over 2e-2) and truncation (eps^2) small.
        new FrontendCases(cpu, DType.F32, silu.op(), x -> x / (1 + Math.exp(-x)), rowSum.op(), 1e-2, 2e-3).checkAll();
        for (AparapiOp op : List.of(silu, rowSum)) {
            System.out.print(op.report());
            assertEquals(ExecutionMode.OPENCL, op.executionMode(), op.report());
            Map<ExecutionMode, Long> runs = op.runCounts();
            assertEquals(runs.keySet(), java.util.Set.of(ExecutionMode.OPENCL), "every run on OpenCL: " + op.report());
        }
    }
}
