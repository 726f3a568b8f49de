package dev.triad.spi.graph.passes;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Buffer;
import dev.triad.spi.backend.Device;
import dev.triad.spi.backend.DeviceAllocator;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Elements;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A heap backend for the constant-folding tests: a few elementwise ops on contiguous or
 * broadcast inputs, computed in doubles, plus full, iota and reshape. It counts executions so
 * tests can see what was evaluated.
 */
final class ScalarBackend implements Backend {
    private static final Set<Primitive> SUPPORTED = Set.of(Prims.ADD, Prims.SUB, Prims.MUL, Prims.DIV, Prims.NEG, Prims.EXP,
            Prims.FULL, Prims.IOTA, Prims.RESHAPE);

    private final DeviceAllocator allocator = new DeviceAllocator("scalar:0", Long.MAX_VALUE) {
        @Override protected Object allocateRaw(long bytes) { return MemorySegment.ofArray(new byte[Math.toIntExact(bytes)]); }
        @Override protected void freeRaw(Object handle, long bytes) { }
    };

    /** Ops executed so far. */
    int executed;

    @Override public String name() { return "scalar"; }
    @Override public List<Device> devices() { return List.of(new Device("scalar:0", "test heap", Map.of())); }
    @Override public DeviceAllocator allocator() { return allocator; }

    @Override
    public Support supports(Primitive p, DType dtype) {
        return SUPPORTED.contains(p) ? Support.YES : Support.no("not in this test backend");
    }

    @Override
    public DeviceArray upload(HostArray host) {
        Buffer b = Buffer.allocate(allocator, host.type().byteSize());
        MemorySegment.copy(host.segment(), 0, (MemorySegment) b.handle(), 0, host.type().byteSize());
        return DeviceArray.contiguous(this, b, host.type());
    }

    @Override
    public HostArray download(DeviceArray a) {
        double[] v = read(a, a.shape());
        HostArray h = HostArray.zeros(a.dtype(), a.shape());
        for (int i = 0; i < v.length; i++) Elements.setDouble(h.segment(), i, a.dtype(), v[i]);
        return h;
    }

    @Override
    public DeviceArray execute(Primitive p, Attrs attrs, List<DeviceArray> in, TensorType type) {
        executed++;
        Shape s = type.shape();
        int n = Math.toIntExact(s.numel());
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (p == Prims.FULL) {
                out[i] = attrs.get(Keys.VALUE);
            } else if (p == Prims.IOTA) {
                long[] st = s.contiguousStrides();
                int axis = attrs.get(Keys.AXIS);
                out[i] = (i / st[axis]) % s.dim(axis);
            }
        }
        if (p == Prims.RESHAPE) {
            out = read(in.get(0), in.get(0).shape());
        } else if (in.size() == 1 && p != Prims.RESHAPE) {
            double[] x = read(in.get(0), s);
            for (int i = 0; i < n; i++) out[i] = p == Prims.NEG ? -x[i] : Math.exp(x[i]);
        } else if (in.size() == 2) {
            double[] x = read(in.get(0), s), y = read(in.get(1), s);
            for (int i = 0; i < n; i++) {
                out[i] = p == Prims.ADD ? x[i] + y[i] : p == Prims.SUB ? x[i] - y[i] : p == Prims.MUL ? x[i] * y[i] : x[i] / y[i];
            }
        }
        Buffer b = Buffer.allocate(allocator, type.byteSize());
        MemorySegment seg = (MemorySegment) b.handle();
        for (int i = 0; i < n; i++) Elements.setDouble(seg, i, type.dtype(), out[i]);
        return DeviceArray.contiguous(this, b, type);
    }

    /** The elements of {@code a} (any strides) broadcast to {@code target}, row-major. */
    private static double[] read(DeviceArray a, Shape target) {
        int n = Math.toIntExact(target.numel());
        int rank = target.rank(), lead = rank - a.shape().rank();
        MemorySegment seg = (MemorySegment) a.buffer().handle();
        double[] out = new double[n];
        long[] idx = new long[rank];
        for (int i = 0; i < n; i++) {
            long off = a.offset();
            for (int d = 0; d < a.shape().rank(); d++) if (a.shape().dim(d) != 1) off += idx[d + lead] * a.stride(d);
            out[i] = Elements.getDouble(seg, off, a.dtype());
            for (int d = rank - 1; d >= 0 && ++idx[d] == target.dim(d); d--) idx[d] = 0;
        }
        return out;
    }

    @Override public void copyInto(DeviceArray src, DeviceArray dst) { throw new UnsupportedOperationException("not needed here"); }
    @Override public void synchronize() { }
    @Override public void close() { }
}
