package dev.triad.backend.cuda;

import dev.triad.spi.types.DType;

import java.util.Arrays;

/**
 * Every parameter of the cuDNN descriptors of one max pooling: tensors padded to four
 * dimensions, and window, padding and stride padded to two spatial dimensions (cuDNN's
 * pooling starts at two) with a window and stride of 1 and no padding in the added one.
 *
 * @param dataType cuDNN data type
 * @param xDims input dimensions
 * @param xStrides input strides
 * @param yDims output dimensions
 * @param yStrides output strides
 * @param window window per spatial dimension
 * @param pad padding per spatial dimension
 * @param stride stride per spatial dimension
 */
record PoolDescriptors(int dataType, int[] xDims, int[] xStrides, int[] yDims, int[] yStrides, int[] window, int[] pad, int[] stride) {
    /** The descriptors of {@code plan} on {@code x} and {@code y} of dtype {@code t}. */
    static PoolDescriptors of(DType t, PoolPlan plan, DnnTensor x, DnnTensor y) {
        int n = Math.max(plan.window().length, 2);
        return new PoolDescriptors(DnnTypes.dataType(t), ConvDescriptors.padded(x.dims(), 1), ConvDescriptors.strides(x),
                ConvDescriptors.padded(y.dims(), 1), ConvDescriptors.strides(y),
                ConvDescriptors.extend(plan.window(), n, 1), ConvDescriptors.extend(plan.pad(), n, 0), ConvDescriptors.extend(plan.stride(), n, 1));
    }

    /** The cache key: every field. */
    String key() {
        return "t" + dataType + " x" + Arrays.toString(xDims) + Arrays.toString(xStrides) + " y" + Arrays.toString(yDims) + Arrays.toString(yStrides)
                + " w" + Arrays.toString(window) + " p" + Arrays.toString(pad) + " s" + Arrays.toString(stride);
    }

    @Override
    public String toString() { return key(); }
}
