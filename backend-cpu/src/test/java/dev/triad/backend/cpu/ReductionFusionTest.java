package dev.triad.backend.cpu;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Executable;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.Interpreter;
import dev.triad.spi.graph.Value;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reductions whose input is a generated fused group run in one pass with the group as their
 * prologue ({@code kernels.GeneratedReduction}) and give the unfused graph's result bit for
 * bit: sum, max and min in F32 and F64, over the last axis, the last two, or all, with rows
 * longer than one block, a row long enough to be split over threads, keep_dims, and layouts that decline the fused path at run time
 * (a transposed input, a broadcast along only one of the reduced axes).
 */
class ReductionFusionTest {
    private static final Backend B = CpuTesting.BACKEND;

    /** {x shape, b shape, reduced axes}. */
    private static final long[][][] CASES = {
        {{5, 1100}, {}, {1}},
        {{3000}, {}, {0}},
        {{4, 6, 70}, {4, 1, 1}, {1, 2}},
        {{4, 6, 70}, {6, 70}, {2}},
        {{2, 3, 40}, {40}, {0, 1, 2}},
        // Long enough that one row is split over the threads by blocks.
        {{40000}, {}, {0}},
        {{1, 40001}, {1, 1}, {1}},
        // Declines at run time: b varies along one reduced axis only, so a row is not one run.
        {{4, 6, 70}, {70}, {1, 2}},
    };

    @Test
    void reductionsWithAFusedPrologueMatchTheInterpreterBitForBit() {
        long liveBefore = B.allocator().stats().liveBytes();
        Random rng = new Random(5);
        for (DType t : List.of(DType.F32, DType.F64)) {
            for (var reduce : List.of(Prims.REDUCE_SUM, Prims.REDUCE_MAX, Prims.REDUCE_MIN)) {
                for (long[][] c : CASES) {
                    for (boolean keep : new boolean[] {false, true}) {
                        check(rng, t, c[0], c[1], toInts(c[2]), keep, false, reduce.name());
                    }
                }
                check(rng, t, new long[] {40, 33}, new long[] {}, new int[] {1}, false, true, reduce.name());
            }
        }
        assertEquals(liveBefore, B.allocator().stats().liveBytes(), "runs leave nothing allocated");
    }

    private static void check(Random rng, DType t, long[] xShape, long[] bShape, int[] axes, boolean keep, boolean transposed, String reduce) {
        GraphBuilder g = new GraphBuilder();
        Value x = g.parameter(new TensorType(t, Shape.of(xShape)));
        Value b = g.parameter(new TensorType(t, Shape.of(bShape)));
        Value in = transposed ? g.transposeLast2(x) : x;
        // A prologue with a where on a comparison, so BOOL values pass through the lanes too.
        Value h = g.abs(g.sub(g.mul(in, 0.5), b));
        Value p = g.where(g.gt(h, 1.0), g.neg(h), h);
        Value y = switch (reduce) {
            case "reduce_sum" -> g.sum(p, axes, keep);
            case "reduce_max" -> g.reduceMax(p, axes, keep);
            default -> g.reduce(Prims.REDUCE_MIN, p, axes, keep);
        };
        Graph graph = g.build(y);
        List<HostArray> inputs = List.of(random(rng, t, xShape), random(rng, t, bShape));
        String what = reduce + " " + t + " x" + Shape.of(xShape) + " b" + Shape.of(bShape) + " axes " + java.util.Arrays.toString(axes)
                + (keep ? " keep_dims" : "") + (transposed ? " transposed" : "");
        try (CpuExecutable exe = (CpuExecutable) B.compile(graph)) {
            assertEquals(1, exe.fusedReductions(), "fused reductions of " + what);
            double[] got = run(exe, inputs), expected = run(new Interpreter(B, graph), inputs);
            assertArrayEquals(expected, got, 0.0, what);
        }
    }

    private static int[] toInts(long[] v) {
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) r[i] = (int) v[i];
        return r;
    }

    private static HostArray random(Random rng, DType t, long[] shape) {
        double[] v = new double[(int) Shape.of(shape).numel()];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian() * 3;
        return HostArray.fromDoubles(t, Shape.of(shape), v);
    }

    private static double[] run(Executable exe, List<HostArray> inputs) {
        List<DeviceArray> in = new ArrayList<>();
        for (HostArray h : inputs) in.add(B.upload(h));
        try {
            try (DeviceArray r = exe.run(in).get(0)) {
                return B.download(r).toDoubles();
            }
        } finally {
            for (DeviceArray a : in) a.close();
        }
    }
}
