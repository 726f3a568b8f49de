package dev.triad.conformance.tck;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceAllocator;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Device;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An example third-party backend for the TCK's own tests: it declares only elementwise
 * primitives (and fills, which derivative rules need for zero tangents) and runs them on the
 * CPU backend it wraps, except that its {@code sub} swaps its operands — the kind of bug the
 * suite exists to catch. Everything else is declared unsupported, with a reason, as a real
 * partial backend would.
 */
final class PartialBackend implements Backend {
    /** The backend's name. */
    static final String NAME = "partial";

    /** What it implements: elementwise kernels and fills. */
    static final Set<Primitive.Category> IMPLEMENTED = EnumSet.of(Primitive.Category.UNARY, Primitive.Category.BINARY,
            Primitive.Category.SELECT, Primitive.Category.CAST, Primitive.Category.CREATION);

    /** The reason it gives for everything else. */
    static final String REASON = "the partial example backend implements only elementwise ops and fills";

    private final Backend cpu;
    private final Device device = new Device("partial:0", "example partial backend (on the CPU backend)", Map.of("kernels", "elementwise"));

    PartialBackend(Backend cpu) { this.cpu = cpu; }

    @Override public String name() { return NAME; }
    @Override public List<Device> devices() { return List.of(device); }
    @Override public DeviceAllocator allocator() { return cpu.allocator(); }

    @Override
    public Support supports(Primitive p, dev.triad.spi.types.DType dtype) {
        if (!IMPLEMENTED.contains(p.category())) return Support.no(REASON + " (" + p.name() + " is " + p.category().name().toLowerCase() + ")");
        return cpu.supports(p, dtype);
    }

    @Override public DeviceArray upload(HostArray host) { return ours(cpu.upload(host)); }
    @Override public HostArray download(DeviceArray array) { return cpu.download(theirs(array)); }

    @Override
    public DeviceArray execute(Primitive p, Attrs attrs, List<DeviceArray> inputs, TensorType resultType) {
        List<DeviceArray> in = new ArrayList<>(inputs.size());
        for (DeviceArray a : inputs) in.add(theirs(a));
        // The deliberate bug: b - a instead of a - b (broadcasting is symmetric, so the shapes still fit).
        if (p == Prims.SUB) in = List.of(in.get(1), in.get(0));
        return ours(cpu.execute(p, attrs, in, resultType));
    }

    @Override public void copyInto(DeviceArray src, DeviceArray dst) { cpu.copyInto(theirs(src), theirs(dst)); }
    @Override public void synchronize() { cpu.synchronize(); }
    @Override public void close() { cpu.close(); }

    /** The CPU backend's array as ours: takes over its one reference to the buffer. */
    private DeviceArray ours(DeviceArray a) { return new DeviceArray(this, a.buffer(), a.offset(), a.type(), a.strides()); }

    /** Our array as the CPU backend's, for one call: borrows the buffer without a reference of its own, so it is never closed. */
    private DeviceArray theirs(DeviceArray a) { return new DeviceArray(cpu, a.buffer(), a.offset(), a.type(), a.strides()); }
}
