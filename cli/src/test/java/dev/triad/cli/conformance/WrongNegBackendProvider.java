package dev.triad.cli.conformance;

import dev.triad.backend.cpu.CpuBackendProvider;
import dev.triad.spi.backend.Availability;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.BackendProvider;
import dev.triad.spi.backend.DeviceAllocator;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Device;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.List;
import java.util.Map;

/**
 * A stand-in for a third party's backend JAR: the CPU backend under another name, with a
 * {@code neg} that computes {@code abs}. Not registered as a service on the test class path;
 * tests put it in a JAR's services file and load it with {@code --jar}.
 */
public final class WrongNegBackendProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "wrongneg";

    @Override public String name() { return NAME; }
    @Override public int priority() { return 0; }
    @Override public Availability probe() { return Availability.available("the CPU backend with a wrong neg"); }
    @Override public Backend open() { return new WrongNeg(new CpuBackendProvider().open()); }

    private static final class WrongNeg implements Backend {
        private final Backend cpu;

        WrongNeg(Backend cpu) { this.cpu = cpu; }

        @Override public String name() { return NAME; }
        @Override public List<Device> devices() { return List.of(new Device("wrongneg:0", "CPU", Map.of())); }
        @Override public DeviceAllocator allocator() { return cpu.allocator(); }
        @Override public Support supports(Primitive p, DType dtype) { return cpu.supports(p, dtype); }
        @Override public DeviceArray upload(HostArray host) { return ours(cpu.upload(host)); }
        @Override public HostArray download(DeviceArray array) { return cpu.download(theirs(array)); }
        @Override public void copyInto(DeviceArray src, DeviceArray dst) { cpu.copyInto(theirs(src), theirs(dst)); }
        @Override public void synchronize() { cpu.synchronize(); }
        @Override public void close() { cpu.close(); }

        @Override
        public DeviceArray execute(Primitive p, Attrs attrs, List<DeviceArray> inputs, TensorType resultType) {
            List<DeviceArray> in = inputs.stream().map(this::theirs).toList();
            return ours(cpu.execute(p == Prims.NEG ? Prims.ABS : p, attrs, in, resultType));
        }

        // Arrays must name the backend they are used with: ours takes over the CPU array's reference, theirs borrows ours for one call.
        private DeviceArray ours(DeviceArray a) { return new DeviceArray(this, a.buffer(), a.offset(), a.type(), a.strides()); }
        private DeviceArray theirs(DeviceArray a) { return new DeviceArray(cpu, a.buffer(), a.offset(), a.type(), a.strides()); }
    }
}
