package dev.triad.backend.opencl;

import dev.triad.codegen.c.runtime.FusedExecutable;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** compile(Graph): elementwise chains become one kernel and give the same bits as running op by op. */
class FusionTest {
    private static OpenClBackend backend;

    @BeforeAll
    static void open() { backend = Devices.open(); }

    @AfterAll
    static void close() {
        if (backend != null) backend.close();
    }

    private static HostArray random(DType t, long... dims) {
        Random r = new Random(dims.length * 31L + dims[0]);
        int n = (int) Shape.of(dims).numel();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian() * 2;
        return HostArray.fromDoubles(t, Shape.of(dims), v);
    }

    /** Runs {@code g} compiled (fused) and interpreted on the same inputs and returns both results' bytes. */
    private static List<byte[][]> both(Graph g, HostArray... in) {
        List<DeviceArray> args = new ArrayList<>();
        for (HostArray h : in) args.add(backend.upload(h));
        List<byte[][]> results = new ArrayList<>();
        try (Executable fused = backend.compile(g); Executable plain = new Interpreter(backend, g)) {
            for (Executable e : new Executable[] {fused, plain}) {
                List<DeviceArray> outs = e.run(args);
                byte[][] bytes = new byte[outs.size()][];
                for (int i = 0; i < outs.size(); i++) {
                    bytes[i] = backend.download(outs.get(i)).bytes();
                    outs.get(i).close();
                }
                results.add(bytes);
            }
        } finally {
            for (DeviceArray a : args) a.close();
        }
        assertEquals(0, backend.allocator().stats().liveBytes(), backend.allocator().liveBlockReport());
        return results;
    }

    @Test
    void anElementwiseChainIsOneKernelWithTheSameBits() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.parameter(TensorType.of(DType.F32, 64, 33));
        Value y = b.parameter(TensorType.of(DType.F32, 33)); // broadcast along the rows
        Value out = b.tanh(b.add(b.mul(b.exp(x), y), b.mul(x, 0.5)));
        Graph g = b.build(out);
        try (FusedExecutable e = (FusedExecutable) backend.compile(g)) {
            assertEquals(1, e.fusedKernels(), "one kernel for the whole chain:\n" + e.source());
            assertTrue(e.source().contains("fused_0"));
        }
        List<byte[][]> r = both(g, random(DType.F32, 64, 33), random(DType.F32, 33));
        assertArrayEquals(r.get(1)[0], r.get(0)[0], "fused and unfused results are bit-identical");
    }

    @Test
    void compositesAreExpandedAndFused() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.parameter(TensorType.of(DType.F32, 1000));
        Graph g = b.build(b.add(b.gelu(x), b.silu(x)));
        try (FusedExecutable e = (FusedExecutable) backend.compile(g)) {
            assertTrue(e.fusedKernels() >= 1, e.source());
            assertTrue(e.expandedGraph().size() > g.size(), "gelu and silu became primitives");
        }
        List<byte[][]> r = both(g, random(DType.F32, 1000));
        assertArrayEquals(r.get(1)[0], r.get(0)[0]);
    }

    @Test
    void mixedGraphsWithReductionsIntegersAndRepeatedOutputs() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.parameter(TensorType.of(DType.F64, 8, 16));
        Value i = b.parameter(TensorType.of(DType.I32, 16));
        Value softmax = b.softmax(b.mul(x, 3.0), 1);   // reductions split the chain
        Value ints = b.cast(b.add(b.mul(i, i), i), DType.F64);
        Value mixed = b.where(b.gt(softmax, 0.05), ints, b.neg(softmax));
        Graph g = b.build(mixed, softmax, mixed, x);
        HostArray iv = HostArray.fromLongs(DType.I32, Shape.of(16), 1, -2, 3, 46341, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        List<byte[][]> r = both(g, random(DType.F64, 8, 16), iv);
        for (int k = 0; k < 4; k++) assertArrayEquals(r.get(1)[k], r.get(0)[k], "output " + k);
    }

    @Test
    void fusionCanBeTurnedOff() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.parameter(TensorType.of(DType.F32, 4));
        Graph g = b.build(b.exp(b.neg(x)));
        System.setProperty(OpenClBackend.FUSION_PROPERTY, "false");
        try (Executable e = backend.compile(g)) {
            assertTrue(e instanceof Interpreter);
        } finally {
            System.clearProperty(OpenClBackend.FUSION_PROPERTY);
        }
    }
}
