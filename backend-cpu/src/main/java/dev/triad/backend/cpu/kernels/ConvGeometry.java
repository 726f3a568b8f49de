package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;

/**
 * The index arithmetic of an N-d convolution {@code lhs [N, C, s...] * rhs [O, C/groups, k...]
 * -> [N, O, o...]}. Input positions live in the dilated, padded input: output position
 * {@code o} with kernel tap {@code t} reads dilated coordinate
 * {@code q = o * stride - pad_low + t * rhs_dilation}, which is a real input element only when
 * {@code 0 <= q < dil(s, lhs_dilation)} and {@code q} is a multiple of the lhs dilation (the
 * gaps between are the zeros a transposed convolution inserts).
 */
final class ConvGeometry {
    final int d;
    final long batch, channels, outChannels, groups, groupIn, groupOut;
    final long[] in, kernel, out, stride, padLow, lhsDil, rhsDil;
    /** Kernel taps and output positions per image. */
    final long taps, positions;

    ConvGeometry(Attrs attrs, StridedView lhs, StridedView rhs, StridedView result) {
        d = lhs.rank() - 2;
        batch = lhs.dim(0);
        channels = lhs.dim(1);
        outChannels = rhs.dim(0);
        groups = attrs.get(Keys.GROUPS);
        groupIn = rhs.dim(1);
        groupOut = outChannels / groups;
        in = new long[d];
        kernel = new long[d];
        out = new long[d];
        for (int i = 0; i < d; i++) {
            in[i] = lhs.dim(i + 2);
            kernel[i] = rhs.dim(i + 2);
            out[i] = result.dim(i + 2);
        }
        stride = Dims.toLongs(attrs.get(Keys.STRIDES));
        padLow = Dims.toLongs(attrs.get(Keys.PAD_LOW));
        lhsDil = Dims.toLongs(attrs.get(Keys.LHS_DILATION));
        rhsDil = Dims.toLongs(attrs.get(Keys.RHS_DILATION));
        taps = Dims.numel(kernel);
        positions = Dims.numel(out);
    }

    /** Size of the dilated input along spatial dimension {@code i}. */
    long dilatedIn(int i) { return in[i] == 0 ? 0 : (in[i] - 1) * lhsDil[i] + 1; }

    /**
     * The input coordinate read along spatial dimension {@code i} by output coordinate
     * {@code o} and kernel tap {@code t}, or -1 when that falls on padding or a dilation gap.
     */
    long inputIndex(int i, long o, long t) {
        long q = o * stride[i] - padLow[i] + t * rhsDil[i];
        if (q < 0 || q >= dilatedIn(i)) return -1;
        if (lhsDil[i] == 1) return q;
        return q % lhsDil[i] == 0 ? q / lhsDil[i] : -1;
    }
}
