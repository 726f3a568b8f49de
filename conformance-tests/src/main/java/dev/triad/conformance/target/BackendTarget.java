package dev.triad.conformance.target;

import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.reference.ReferenceOps;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.BackendOps;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.ArrayList;
import java.util.List;

/** A backend as a target: values are device arrays in a {@link BackendOps} scope. */
public final class BackendTarget implements Target<DeviceArray> {
    private final Backend backend;

    /** Wraps an opened backend (the caller closes it). */
    public BackendTarget(Backend backend) { this.backend = backend; }

    /** The backend. */
    public Backend backend() { return backend; }

    @Override public String name() { return backend.name(); }
    @Override public Support supports(Primitive p, DType dtype) { return backend.supports(p, dtype); }
    @Override public boolean hasFusedKernel(Primitive p) { return backend.hasFusedKernel(p); }
    @Override public long liveBytes() { return backend.allocator().stats().liveBytes(); }
    @Override public String liveBlockReport() { return backend.allocator().liveBlockReport(); }

    @Override
    public Session<DeviceArray> open() { return new BackendSession(); }

    /** Converts reference values to a host array of the same type. */
    static HostArray toHost(RefArray x) {
        return x.isIntegral() ? HostArray.fromLongs(x.dtype(), x.shape(), x.toLongs()) : HostArray.fromDoubles(x.dtype(), x.shape(), x.toDoubles());
    }

    /** Converts a host array to reference values (exact for every dtype). */
    static RefArray fromHost(HostArray h) {
        return h.dtype().isFloating() ? RefArray.of(h.dtype(), h.shape(), h.toDoubles()) : RefArray.ofLongs(h.dtype(), h.shape(), h.toLongs());
    }

    private final class BackendSession implements Session<DeviceArray> {
        private final BackendOps ops = new BackendOps(backend);
        private final List<DeviceArray> views = new ArrayList<>();

        @Override public Ops<DeviceArray> ops() { return ops; }

        @Override
        public DeviceArray upload(RefArray x, Layout layout) {
            if (!layout.appliesTo(x.shape())) layout = Layout.CONTIGUOUS;
            ReferenceOps r = ReferenceOps.INSTANCE;
            Shape s = x.shape();
            int rank = s.rank();
            long[] contiguous = s.contiguousStrides();
            switch (layout) {
                case CONTIGUOUS -> {
                    return ops.upload(toHost(x));
                }
                case PERMUTED -> {
                    // Store the axes reversed, then view them back: logical axis i has the stride of stored axis rank-1-i.
                    int[] reverse = new int[rank];
                    for (int i = 0; i < rank; i++) reverse[i] = rank - 1 - i;
                    RefArray stored = r.permute(x, reverse);
                    long[] storedStrides = stored.shape().contiguousStrides();
                    long[] strides = new long[rank];
                    for (int i = 0; i < rank; i++) strides[i] = storedStrides[rank - 1 - i];
                    return view(stored, 0, s, strides);
                }
                case BROADCAST -> {
                    RefArray first = r.squeeze(r.sliceAxis(x, 0, 0, 1), 0);
                    long[] strides = new long[rank];
                    long[] inner = first.shape().contiguousStrides();
                    System.arraycopy(inner, 0, strides, 1, rank - 1);
                    return view(first, 0, s, strides);
                }
                case OFFSET -> {
                    // Element i lives at 3 + 2i; the gaps hold junk a kernel ignoring strides would read.
                    int n = x.size();
                    double[] junkD = new double[3 + 2 * n];
                    long[] junkL = new long[3 + 2 * n];
                    java.util.Arrays.fill(junkD, x.dtype() == DType.BOOL ? 1 : 77.0);
                    java.util.Arrays.fill(junkL, x.dtype() == DType.BOOL ? 1 : 77);
                    for (int i = 0; i < n; i++) {
                        junkD[3 + 2 * i] = x.get(i);
                        junkL[3 + 2 * i] = x.getLong(i);
                    }
                    Shape flat = Shape.of(3 + 2L * n);
                    RefArray stored = x.isIntegral() ? RefArray.ofLongs(x.dtype(), flat, junkL) : RefArray.of(x.dtype(), flat, junkD);
                    long[] strides = new long[rank];
                    for (int i = 0; i < rank; i++) strides[i] = 2 * contiguous[i];
                    return view(stored, 3, s, strides);
                }
                case FLIPPED -> {
                    RefArray stored = r.flip(x, 0);
                    long[] strides = contiguous.clone();
                    strides[0] = -contiguous[0];
                    return view(stored, (s.dim(0) - 1) * contiguous[0], s, strides);
                }
                default -> throw new IllegalStateException(layout.name());
            }
        }

        private DeviceArray view(RefArray stored, long offset, Shape shape, long[] strides) {
            try (DeviceArray base = backend.upload(toHost(stored))) {
                DeviceArray v = base.view(offset, shape, strides);
                views.add(v);
                return v;
            }
        }

        @Override
        public RefArray download(DeviceArray value) { return fromHost(backend.download(value)); }

        @Override
        public void close() {
            try {
                ops.close();
            } finally {
                for (DeviceArray v : views) v.close();
                views.clear();
            }
        }
    }
}
