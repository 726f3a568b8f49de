package dev.triad.codegen.c.runtime;

import dev.triad.codegen.c.CudaDialect;
import dev.triad.codegen.c.EmitOptions;
import dev.triad.codegen.c.KernelNames;
import dev.triad.codegen.c.OpenClDialect;
import dev.triad.codegen.c.ProgramSource;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Buffer;
import dev.triad.spi.backend.Device;
import dev.triad.spi.backend.DeviceAllocator;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.backend.Support;
import dev.triad.spi.error.IndexOutOfRangeException;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.Value;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared C-family runtime without a device: a launcher that records what the shared ops
 * ask of a backend (which kernel, which launch shape, which arguments in which order).
 */
class SharedRuntimeTest {
    /** Buffers are plain objects; nothing is allocated. */
    static final class FakeAllocator extends DeviceAllocator {
        FakeAllocator() { super("fake:0", Long.MAX_VALUE); }

        @Override protected Object allocateRaw(long bytes) { return new Object(); }

        @Override protected void freeRaw(Object handle, long bytes) { }
    }

    /** Enough of a backend to own arrays and temporaries. */
    static final class FakeBackend implements Backend {
        final DeviceAllocator allocator = new FakeAllocator();

        @Override public String name() { return "fake"; }
        @Override public List<Device> devices() { return List.of(); }
        @Override public DeviceAllocator allocator() { return allocator; }
        @Override public Support supports(Primitive p, DType dtype) { return Support.YES; }
        @Override public DeviceArray upload(HostArray host) { throw new UnsupportedOperationException(); }
        @Override public HostArray download(DeviceArray array) { throw new UnsupportedOperationException(); }
        @Override public DeviceArray execute(Primitive p, Attrs attrs, List<DeviceArray> inputs, TensorType resultType) { throw new UnsupportedOperationException(); }
        @Override public void copyInto(DeviceArray src, DeviceArray dst) { throw new UnsupportedOperationException(); }
        @Override public void synchronize() { }
        @Override public void close() { }
    }

    /** Records each launch as one line; reductions are serial below {@code serialBelow} length. */
    static final class Recorder implements Launcher {
        final FakeBackend backend = new FakeBackend();
        final List<String> log = new ArrayList<>();
        long serialBelow = 100;
        Long badIndex;

        @Override public Backend backend() { return backend; }
        @Override public Object bufferArg(DeviceArray a) { return "buf"; }
        @Override public Object scalarArg(int bytes, long bits) { return "raw" + bytes + ":" + Long.toHexString(bits); }
        @Override public void linear(String op, DType program, String kernel, long n, Object... args) {
            if (n > 0) log.add("linear " + kernel + " n=" + n + " args=" + describe(args));
        }
        @Override public void linearProgram(String op, ProgramSource program, String kernel, long n, Object... args) { log.add("fused " + kernel + " n=" + n); }
        @Override public void prepare(ProgramSource program) { log.add("prepare " + program.kernels()); }
        @Override public boolean serialReduction(long outputs, long length) { return length < serialBelow; }
        @Override public void perOutput(String op, DType program, String kernel, long outputs, Object... args) {
            log.add("perOutput " + kernel + " outputs=" + outputs);
        }
        @Override public void gemm(String op, DType program, String kernel, long m, long n, long batches, Object... args) {
            log.add("gemm " + kernel + " " + m + "x" + n + "x" + batches);
        }
        @Override public Object resetIndexFlag() { log.add("reset flag"); return "flag"; }
        @Override public Long badIndex() { return badIndex; }

        DeviceArray array(DType t, long... dims) {
            TensorType type = TensorType.of(t, dims);
            return DeviceArray.contiguous(backend, Buffer.allocate(backend.allocator, type.byteSize()), type);
        }

        static String describe(Object[] args) {
            List<String> out = new ArrayList<>();
            for (Object a : args) out.add(a instanceof long[] ? "meta" : String.valueOf(a));
            return out.toString();
        }
    }

    @Test
    void theTableCoversEveryPrimitiveAndLetsABackendReplaceEntries() {
        KernelTable<Launcher> t = KernelTable.standard();
        for (Primitive p : Prims.all()) {
            if (p.isComposite()) assertNull(t.get(p), p.name());
            else assertNotNull(t.get(p), "no kernel for " + p.name());
        }
        GpuOp<Launcher> mine = (x, attrs, in, out) -> { };
        KernelTable<Launcher> replaced = t.with(Prims.MATMUL, mine);
        assertSame(mine, replaced.get(Prims.MATMUL));
        assertTrue(t.get(Prims.MATMUL) != mine, "with() leaves the original table alone");
        assertTrue(KernelTable.movesRawBits(Prims.WHERE) && KernelTable.movesRawBits(Prims.RANDOM_BITS));
        assertTrue(!KernelTable.movesRawBits(Prims.ADD));
    }

    @Test
    void reductionsAskTheBackendWhereTheSerialLineLies() {
        Recorder r = new Recorder();
        try (DeviceArray a = r.array(DType.F32, 4, 1000); DeviceArray out = r.array(DType.F32, 4)) {
            Attrs attrs = Attrs.of(Keys.AXES, new int[] {1}, Keys.KEEP_DIMS, false);
            KernelTable.<Launcher>standard().get(Prims.REDUCE_SUM).run(r, attrs, List.of(a), out);
            r.serialBelow = 10_000;
            KernelTable.<Launcher>standard().get(Prims.REDUCE_SUM).run(r, attrs, List.of(a), out);
        }
        assertEquals("perOutput " + KernelNames.reduce(Prims.REDUCE_SUM, DType.F32, false) + " outputs=4", r.log.get(0));
        assertEquals("linear " + KernelNames.reduce(Prims.REDUCE_SUM, DType.F32, true) + " n=4 args=[buf, buf, meta]", r.log.get(1));
    }

    @Test
    void contractionsLaunchGemmGridsAndSkipEmptyResults() {
        Recorder r = new Recorder();
        GpuOp<? super Launcher> matmul = KernelTable.<Launcher>standard().get(Prims.MATMUL);
        try (DeviceArray a = r.array(DType.F32, 3, 5, 7); DeviceArray b = r.array(DType.F32, 7, 2); DeviceArray out = r.array(DType.F32, 3, 5, 2);
             DeviceArray e = r.array(DType.F32, 0, 7); DeviceArray eOut = r.array(DType.F32, 0, 2)) {
            matmul.run(r, Attrs.EMPTY, List.of(a, b), out);
            matmul.run(r, Attrs.EMPTY, List.of(e, b), eOut);
        }
        assertEquals(List.of("gemm " + KernelNames.matmul(DType.F32) + " 5x2x3"), r.log);
    }

    @Test
    void indexChecksResetTheFlagLaunchAndThrowTheTypedError() {
        Recorder r = new Recorder();
        r.badIndex = 9L;
        try (DeviceArray operand = r.array(DType.F32, 4, 3); DeviceArray idx = r.array(DType.I32, 2, 3); DeviceArray out = r.array(DType.F32, 2, 3)) {
            IndexOutOfRangeException e = assertThrows(IndexOutOfRangeException.class, () -> KernelTable.<Launcher>standard().get(Prims.GATHER)
                    .run(r, Attrs.of(Keys.AXIS, 0), List.of(operand, idx), out));
            assertTrue(e.getMessage().contains("index 9 is out of range for axis 0 of size 4"), e.getMessage());
        }
        assertEquals("reset flag", r.log.get(0));
        assertEquals("linear " + KernelNames.gather(4, DType.I32) + " n=6 args=[buf, buf, buf, flag, meta]", r.log.get(1));
    }

    @Test
    void fillPassesTheValueAsRawBitsOfTheResultType() {
        Recorder r = new Recorder();
        try (DeviceArray out = r.array(DType.F16, 5)) {
            KernelTable.<Launcher>standard().get(Prims.FULL).run(r, Attrs.of(Keys.SHAPE, dev.triad.spi.types.Shape.of(5), Keys.DTYPE, DType.F16, Keys.VALUE, 1.0), List.of(), out);
        }
        assertEquals("linear " + KernelNames.fill(2) + " n=5 args=[buf, 5, raw2:3c00]", r.log.get(0));
    }

    @Test
    void fusedPlansAreTheSameForBothDialectsApartFromTheHeader() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.parameter(TensorType.of(DType.F32, 8, 3));
        Value y = b.parameter(TensorType.of(DType.F32, 3));
        Graph g = b.build(b.tanh(b.add(b.mul(b.exp(x), y), b.mul(x, 0.5))));
        EmitOptions o = new EmitOptions(true, 16, 4, 16, 256);
        FusedPlan cuda = new FusedPlan(g, CudaDialect.INSTANCE, o, n -> true);
        FusedPlan cl = new FusedPlan(g, OpenClDialect.INSTANCE, o, n -> true);
        assertEquals(1, cuda.groups().size());
        assertEquals(List.of("fused_0"), cl.kernelNames());
        assertTrue(cuda.source().contains("fused_0") && cl.source().contains("fused_0"));
        assertTrue(!cuda.source().equals(cl.source()), "each in its own dialect");
        int root = cuda.groups().get(0).root();
        assertEquals(3, cuda.reads(root).size(), "the fused root reads the chain's inputs: x, y and the literal 0.5");
        assertEquals(1, cuda.uses()[x.id()], "x is read once, by the fused kernel");
        // A backend that cannot compute some nodes keeps them out of every group.
        assertTrue(new FusedPlan(g, OpenClDialect.INSTANCE, o, n -> false).groups().isEmpty());
        assertEquals("", new FusedPlan(g, OpenClDialect.INSTANCE, o, n -> false).source());
        assertTrue(Arrays.equals(cuda.needed(), cl.needed()));
    }
}
