package dev.triad.backend.cpu;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Executable;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.Interpreter;
import dev.triad.spi.graph.Value;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compiled graphs with fused elementwise chains give the interpreter's results: broadcasts,
 * comparisons, where and casts inside a group, a BOOL root, a value used twice (which ends a
 * group), transposed inputs, and sizes that are not a multiple of the vector or chunk length.
 * Bit for bit, except that values computed through exp and tanh may differ in the last ulp:
 * the Vector API computes those with different code before and after the JIT compiles a
 * loop, and a generated kernel and the unfused kernels warm up at different times.
 */
class FusionTest {
    private static final Backend B = CpuTesting.BACKEND;

    private static Graph chain(long[] shape, long[] biasShape, boolean transposedInput) {
        GraphBuilder g = new GraphBuilder();
        Value x = g.parameter(new TensorType(DType.F32, Shape.of(shape)));
        Value bias = g.parameter(new TensorType(DType.F32, Shape.of(biasShape)));
        if (transposedInput) x = g.transposeLast2(x);
        Value h = g.add(g.mul(x, 0.5), bias);
        Value r = g.max(h, 0.0);
        Value e = g.exp(g.neg(g.mul(r, r)));
        Value mask = g.gt(e, 0.3);
        Value y = g.where(mask, g.sub(e, 0.1), g.cast(g.cast(mask, DType.F32), DType.F32));
        Value z = g.div(g.tanh(y), g.add(g.sqrt(g.mul(y, y)), 1.0));
        // A second, BOOL-rooted group that reads a fused result.
        Value flag = g.gt(z, g.mul(h, 0.01));
        return g.build(z, flag, h);
    }

    @Test
    void fusedGroupsMatchTheInterpreter() {
        Random rng = new Random(9);
        long liveBefore = B.allocator().stats().liveBytes();
        long[][][] cases = {
            {{3, 1000}, {1000}},
            {{2, 5, 37}, {1, 37}},
            {{4097}, {}},
            {{64, 48}, {48}},
        };
        for (long[][] c : cases) {
            for (boolean transposed : new boolean[] {false, true}) {
                if (transposed && c[0].length < 2) continue;
                long[] shape = c[0].clone();
                if (transposed) {
                    long t = shape[shape.length - 1];
                    shape[shape.length - 1] = shape[shape.length - 2];
                    shape[shape.length - 2] = t;
                }
                Graph graph = chain(shape, c[1], transposed);
                List<HostArray> inputs = List.of(random(rng, shape), random(rng, c[1]));
                CpuExecutable fused = (CpuExecutable) B.compile(graph);
                assertTrue(fused.fusedGroups() >= 2, "groups fused: " + fused.fusedGroups());
                List<double[]> got = run(fused, inputs), expected = run(new Interpreter(B, graph), inputs);
                double[] z = got.get(0), zExpected = expected.get(0);
                assertArrayEquals(expected.get(2), got.get(2), 0.0, "h of " + graph);
                for (int i = 0; i < z.length; i++) {
                    boolean same = Double.doubleToLongBits(z[i]) == Double.doubleToLongBits(zExpected[i]);
                    assertTrue(same || Math.abs(z[i] - zExpected[i]) <= 2 * Math.ulp((float) zExpected[i]),
                            "z[" + i + "] = " + z[i] + ", interpreted " + zExpected[i] + " in " + graph);
                    // The flag compares z: it must agree wherever z does.
                    if (same) assertEquals(expected.get(1)[i], got.get(1)[i], "flag[" + i + "] of " + graph);
                }
            }
        }
        assertEquals(liveBefore, B.allocator().stats().liveBytes(), "runs leave nothing allocated");
    }

    private static HostArray random(Random rng, long[] shape) {
        double[] v = new double[(int) Shape.of(shape).numel()];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian() * 2;
        return HostArray.fromDoubles(DType.F32, Shape.of(shape), v);
    }

    private static List<double[]> run(Executable exe, List<HostArray> inputs) {
        List<DeviceArray> in = new ArrayList<>();
        for (HostArray h : inputs) in.add(B.upload(h));
        try (exe) {
            List<DeviceArray> out = exe.run(in);
            List<double[]> values = new ArrayList<>();
            for (DeviceArray a : out) {
                values.add(B.download(a).toDoubles());
                a.close();
            }
            return values;
        } finally {
            for (DeviceArray a : in) a.close();
        }
    }
}
