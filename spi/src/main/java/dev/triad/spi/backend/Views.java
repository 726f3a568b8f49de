package dev.triad.spi.backend;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.Broadcasting;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.List;

/**
 * The one place that knows which movement ops can run as a zero-copy view of their input:
 * reshape (when the strides allow it), permute, broadcast_to, slice and flip. Front-ends ask
 * here instead of running a kernel, and share storage with the input.
 */
public final class Views {
    private Views() {}

    /**
     * The layout of a view: first element, shape and element strides.
     *
     * @param offset first element, in elements
     * @param shape dimensions of the view
     * @param strides element strides per dimension (0 broadcast, negative flipped)
     */
    public record Layout(long offset, Shape shape, long[] strides) {}

    /** True for the primitives that may be views ({@link #layoutOf} still decides for reshape). */
    public static boolean mayBeView(Primitive p) {
        return p == Prims.RESHAPE || p == Prims.PERMUTE || p == Prims.BROADCAST_TO || p == Prims.SLICE || p == Prims.FLIP;
    }

    /**
     * A view of {@code a} computing {@code p} with {@code attrs}, or null when {@code p} cannot be
     * expressed as a view of this layout (not a view op, or a reshape whose strides do not allow
     * it). The op's shape rule runs first, so bad attributes raise the op's typed error. The
     * returned array holds its own reference to the storage.
     */
    public static DeviceArray viewOf(DeviceArray a, Primitive p, Attrs attrs) {
        if (!mayBeView(p)) return null;
        Layout l = layoutOf(a.type(), a.offset(), a.strides(), p, attrs);
        return l == null ? null : a.view(l.offset(), l.shape(), l.strides());
    }

    /**
     * The layout of {@code p} applied to an array of type {@code in} laid out at {@code offset}
     * with {@code strides}, or null when it is not a view. Validates through the shape rule.
     */
    public static Layout layoutOf(TensorType in, long offset, long[] strides, Primitive p, Attrs attrs) {
        if (!mayBeView(p)) return null;
        Shape out = p.inferType(List.of(in), attrs).shape();
        Shape s = in.shape();
        if (p == Prims.RESHAPE) {
            long[] st = reshapeStrides(s, strides, out);
            return st == null ? null : new Layout(offset, out, st);
        }
        if (p == Prims.PERMUTE) {
            int[] perm = attrs.get(Keys.PERM);
            long[] st = new long[perm.length];
            for (int i = 0; i < perm.length; i++) st[i] = strides[perm[i]];
            return new Layout(offset, out, st);
        }
        if (p == Prims.BROADCAST_TO) {
            return new Layout(offset, out, Broadcasting.broadcastStrides(s, strides, out));
        }
        if (p == Prims.SLICE) {
            long[] start = attrs.get(Keys.START), step = attrs.get(Keys.STEP);
            long off = offset;
            long[] st = new long[strides.length];
            for (int i = 0; i < st.length; i++) {
                // An empty result never reads memory; its start may sit one past the end.
                if (out.dim(i) > 0) off += start[i] * strides[i];
                st[i] = strides[i] * step[i];
            }
            return new Layout(out.numel() == 0 ? offset : off, out, st);
        }
        // FLIP: start from the last element along each flipped axis and walk backwards.
        long off = offset;
        long[] st = strides.clone();
        for (int axis : attrs.get(Keys.AXES)) {
            if (s.dim(axis) > 1) off += (s.dim(axis) - 1) * strides[axis];
            st[axis] = -strides[axis];
        }
        return new Layout(off, out, st);
    }

    /**
     * Strides that view {@code from} (with {@code strides}) as {@code to} without moving data,
     * or null when the layout does not allow it. Dimensions of {@code from} that are laid out
     * back to back form chunks; every chunk must map onto whole dimensions of {@code to}.
     */
    static long[] reshapeStrides(Shape from, long[] strides, Shape to) {
        int toRank = to.rank();
        long[] out = new long[toRank];
        if (from.numel() == 0 || to.numel() == 0) {
            // No element is ever read: any strides do; contiguous ones keep kernels simple.
            return to.contiguousStrides();
        }
        int view = toRank - 1;
        int r = from.rank();
        if (r == 0) {
            // A scalar becomes all-ones dimensions.
            for (int i = 0; i < toRank; i++) out[i] = 1;
            return out;
        }
        long chunkBase = strides[r - 1];
        long chunkNumel = 1, viewNumel = 1;
        for (int d = r - 1; d >= 0; d--) {
            chunkNumel *= from.dim(d);
            boolean chunkEnds = d == 0 || (from.dim(d - 1) != 1 && strides[d - 1] != chunkNumel * chunkBase);
            if (!chunkEnds) continue;
            while (view >= 0 && (viewNumel < chunkNumel || to.dim(view) == 1)) {
                out[view] = viewNumel * chunkBase;
                viewNumel *= to.dim(view);
                view--;
            }
            if (viewNumel != chunkNumel) return null;
            if (d > 0) {
                chunkBase = strides[d - 1];
                chunkNumel = 1;
                viewNumel = 1;
            }
        }
        return view == -1 ? out : null;
    }
}
