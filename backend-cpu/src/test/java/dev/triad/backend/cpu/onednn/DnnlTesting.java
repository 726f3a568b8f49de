package dev.triad.backend.cpu.onednn;

import dev.triad.backend.cpu.CpuBackend;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.KernelTable;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.backend.Views;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Two CPU backends over one pool, one with the oneDNN kernels and one without, for side-by-side checks. */
final class DnnlTesting {
    private DnnlTesting() {}

    static final OneDnn.LoadResult LOADED = OneDnn.load(CpuThreads.shared().threads());
    static final CpuBackend JAVA = new CpuBackend(KernelTable.standard(), CpuThreads.shared());
    static final CpuBackend DNNL = dnnlBackend();

    private static CpuBackend dnnlBackend() {
        KernelTable t = KernelTable.standard();
        if (LOADED.available()) OneDnnKernels.install(t, LOADED.runtime());
        return new CpuBackend(t, CpuThreads.shared(), Map.of());
    }

    /** Skips the test where oneDNN did not load (and says why). */
    static void assumeLoaded() {
        assumeTrue(LOADED.available(), () -> "oneDNN " + LOADED.description());
    }

    /** Uniform values in [-1, 1). */
    static double[] random(Random rng, long n) {
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextDouble() * 2 - 1;
        return v;
    }

    /** Uploads to {@code b}. */
    static DeviceArray upload(Backend b, long[] shape, double[] values) {
        return b.upload(HostArray.fromDoubles(DType.F32, Shape.of(shape), values));
    }

    /**
     * The spi algebra over device arrays where movement ops are zero-copy views when they can
     * be, as in the eager front-end, so kernels see permuted and flipped operands in place.
     * Closes everything it made when closed.
     */
    static final class ViewOps implements Ops<DeviceArray>, AutoCloseable {
        private final Backend backend;
        private final List<DeviceArray> made = new ArrayList<>();

        ViewOps(Backend backend) { this.backend = backend; }

        @Override
        public DeviceArray apply(Primitive p, Attrs attrs, List<DeviceArray> inputs) {
            DeviceArray r = null;
            if (inputs.size() == 1 && Views.mayBeView(p)) r = Views.viewOf(inputs.get(0), p, attrs);
            if (r == null) r = Dispatch.execute(inputs.isEmpty() ? backend : inputs.get(0).backend(), p, attrs, inputs);
            made.add(r);
            return r;
        }

        @Override
        public TensorType typeOf(DeviceArray value) { return value.type(); }

        /** Uploads uniform values into this scope. */
        DeviceArray upload(long[] shape, double[] values) {
            DeviceArray a = DnnlTesting.upload(backend, shape, values);
            made.add(a);
            return a;
        }

        @Override
        public void close() {
            for (DeviceArray a : made) a.close();
            made.clear();
        }
    }
}
