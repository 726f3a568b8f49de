package dev.triad.conformance.frontends.eager;

import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.reference.ReferenceOps;
import dev.triad.conformance.target.Layout;
import dev.triad.eager.Tensor;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.Arrays;

/**
 * Builds the suite's {@link Layout}s as eager tensors made by the Tensor API's own views: a
 * contiguous upload of the stored values, then {@code permute}, {@code unsqueeze().expand()},
 * {@code slice().reshape()} or {@code flip} back to the logical values. So the non-contiguous
 * inputs the kernels see come out of the front-end's zero-copy view code, and a view that
 * silently became a copy is reported.
 */
final class TensorLayouts {
    private TensorLayouts() {}

    /** {@code x} (its logical values; see {@link Layout#logical}) on {@code backend} laid out as {@code layout}. */
    static Tensor build(RefArray x, Layout layout, Backend backend) {
        if (!layout.appliesTo(x.shape())) layout = Layout.CONTIGUOUS;
        ReferenceOps r = ReferenceOps.INSTANCE;
        Shape s = x.shape();
        int rank = s.rank();
        switch (layout) {
            case CONTIGUOUS -> {
                return Values.tensor(x, backend);
            }
            case PERMUTED -> {
                // Reversing the axes is its own inverse: store reversed, view reversed again.
                int[] reverse = new int[rank];
                for (int i = 0; i < rank; i++) reverse[i] = rank - 1 - i;
                Tensor stored = Values.tensor(r.permute(x, reverse), backend);
                return shared(stored, stored.permute(reverse), layout);
            }
            case BROADCAST -> {
                Tensor stored = Values.tensor(r.squeeze(r.sliceAxis(x, 0, 0, 1), 0), backend);
                return shared(stored, stored.unsqueeze(0).expand(s.toArray()), layout);
            }
            case OFFSET -> {
                // Element i lives at 3 + 2i; the gaps hold junk that a kernel ignoring the strides would read.
                int n = x.size();
                Shape flat = Shape.of(3 + 2L * n);
                RefArray stored;
                if (x.isIntegral()) {
                    long[] v = new long[3 + 2 * n];
                    Arrays.fill(v, x.dtype() == DType.BOOL ? 1 : 77);
                    for (int i = 0; i < n; i++) v[3 + 2 * i] = x.getLong(i);
                    stored = RefArray.ofLongs(x.dtype(), flat, v);
                } else {
                    double[] v = new double[3 + 2 * n];
                    Arrays.fill(v, 77.0);
                    for (int i = 0; i < n; i++) v[3 + 2 * i] = x.get(i);
                    stored = RefArray.of(x.dtype(), flat, v);
                }
                Tensor t = Values.tensor(stored, backend);
                return shared(t, t.slice(0, 3, 3 + 2L * n, 2).reshape(s.toArray()), layout);
            }
            case FLIPPED -> {
                Tensor stored = Values.tensor(r.flip(x, 0), backend);
                return shared(stored, stored.flip(0), layout);
            }
            default -> throw new IllegalStateException(layout.name());
        }
    }

    /** {@code view}, after checking that it shares {@code stored}'s storage (the Tensor API promises views, not copies). */
    private static Tensor shared(Tensor stored, Tensor view, Layout layout) {
        if (view.deviceArray().buffer() != stored.deviceArray().buffer()) {
            throw new IllegalStateException("the Tensor API copied where a zero-copy view was expected (" + layout.description()
                    + " of " + view.type() + ")");
        }
        return view;
    }
}
