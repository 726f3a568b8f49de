package dev.triad.backend.cuda;

import dev.triad.spi.types.DType;

import java.util.Arrays;

/**
 * Every parameter of the cuDNN descriptors of one convolution call, in cuDNN's naming: {@code x}
 * the forward input, {@code w} the (packed) filter, {@code y} the forward output, whichever of
 * them the call reads or writes. cuDNN's descriptors start at four dimensions, so a
 * one-dimensional convolution gets a trailing spatial dimension of 1 (and padding 0, stride
 * and dilation 1 there). Two calls with equal {@link #key()}s can share descriptors, algorithm
 * and workspace size: addresses are not part of it.
 *
 * @param kind the call
 * @param dataType cuDNN data type of the tensors and the filter
 * @param computeType cuDNN compute type of the convolution descriptor
 * @param mathType cuDNN math type asked for
 * @param xDims x's dimensions
 * @param xStrides x's strides
 * @param wDims the filter's dimensions (packed)
 * @param yDims y's dimensions
 * @param yStrides y's strides
 * @param pad padding per spatial dimension
 * @param stride stride per spatial dimension
 * @param dilation filter dilation per spatial dimension
 * @param groups group count
 */
record ConvDescriptors(ConvPlan.Kind kind, int dataType, int computeType, int mathType, int[] xDims, int[] xStrides, int[] wDims,
                       int[] yDims, int[] yStrides, int[] pad, int[] stride, int[] dilation, int groups) {

    /** The descriptors of {@code plan} on {@code x}, {@code w}, {@code y} (cuDNN's roles) of dtype {@code t}. */
    static ConvDescriptors of(DType t, boolean tf32, ConvPlan plan, int groups, DnnTensor x, DnnTensor w, DnnTensor y) {
        if (plan.kind() == ConvPlan.Kind.KERNEL) throw new IllegalArgumentException("no cuDNN descriptors for " + plan);
        int[] wd = padded(w.dims(), 1);
        int n = wd.length - 2;
        return new ConvDescriptors(plan.kind(), DnnTypes.dataType(t), DnnTypes.computeType(t), DnnTypes.mathType(t, tf32),
                padded(x.dims(), 1), strides(x), wd, padded(y.dims(), 1), strides(y),
                extend(plan.pad(), n, 0), extend(plan.stride(), n, 1), extend(plan.dilation(), n, 1), groups);
    }

    /** Spatial dimensions of the convolution descriptor. */
    int spatial() { return wDims.length - 2; }

    /** The cache key: every field, addresses excluded. */
    String key() {
        return kind + " t" + dataType + "/" + computeType + " m" + mathType + " x" + Arrays.toString(xDims) + Arrays.toString(xStrides)
                + " w" + Arrays.toString(wDims) + " y" + Arrays.toString(yDims) + Arrays.toString(yStrides)
                + " p" + Arrays.toString(pad) + " s" + Arrays.toString(stride) + " d" + Arrays.toString(dilation) + " g" + groups;
    }

    @Override
    public String toString() { return key(); }

    /** Strides for a descriptor, padded like the dimensions; a size-1 dimension's stride is meaningless to cuDNN, so it becomes 1. */
    static int[] strides(DnnTensor t) {
        long[] s = t.strides().clone();
        for (int i = 0; i < s.length; i++) if (t.dims()[i] == 1) s[i] = 1;
        return padded(s, 1);
    }

    /** {@code v} as ints, with trailing {@code fill}s up to four entries (cuDNN needs four or more). */
    static int[] padded(long[] v, int fill) {
        int[] out = new int[Math.max(v.length, 4)];
        Arrays.fill(out, fill);
        for (int i = 0; i < v.length; i++) out[i] = Math.toIntExact(v[i]);
        return out;
    }

    /** {@code v} cut or extended with {@code fill} to {@code n} entries. */
    static int[] extend(int[] v, int n, int fill) {
        int[] out = new int[n];
        Arrays.fill(out, fill);
        System.arraycopy(v, 0, out, 0, Math.min(v.length, n));
        return out;
    }
}
