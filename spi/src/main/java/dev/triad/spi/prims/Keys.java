package dev.triad.spi.prims;

import dev.triad.spi.ops.Attr;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

/** Attribute keys shared by the primitives; each primitive lists the ones it takes. */
public final class Keys {
    private Keys() {}

    /** Axes to reduce/flip: sorted, unique, non-negative. */
    public static final Attr<int[]> AXES = Attr.ofInts("axes");
    /** One non-negative axis. */
    public static final Attr<Integer> AXIS = Attr.ofInt("axis");
    /** Keep reduced axes as size 1. */
    public static final Attr<Boolean> KEEP_DIMS = Attr.ofBool("keep_dims");
    /** A target or result shape. */
    public static final Attr<Shape> SHAPE = Attr.ofShape("shape");
    /** A result or target element type. */
    public static final Attr<DType> DTYPE = Attr.ofDType("dtype");
    /** A constant value (fill value, padding value). */
    public static final Attr<Double> VALUE = Attr.ofDouble("value");
    /** A permutation of the axes. */
    public static final Attr<int[]> PERM = Attr.ofInts("perm");
    /** Slice starts per dimension. */
    public static final Attr<long[]> START = Attr.ofLongs("start");
    /** Slice stops (exclusive) per dimension. */
    public static final Attr<long[]> STOP = Attr.ofLongs("stop");
    /** Slice steps per dimension (positive). */
    public static final Attr<long[]> STEP = Attr.ofLongs("step");
    /** Padding before each dimension (negative crops). */
    public static final Attr<long[]> LOW = Attr.ofLongs("low");
    /** Padding after each dimension (negative crops). */
    public static final Attr<long[]> HIGH = Attr.ofLongs("high");
    /** Padding between elements of each dimension (non-negative). */
    public static final Attr<long[]> INTERIOR = Attr.ofLongs("interior");
    /** Window strides. */
    public static final Attr<int[]> STRIDES = Attr.ofInts("strides");
    /** Window/convolution padding before each window dimension. */
    public static final Attr<int[]> PAD_LOW = Attr.ofInts("pad_low");
    /** Window/convolution padding after each window dimension. */
    public static final Attr<int[]> PAD_HIGH = Attr.ofInts("pad_high");
    /** Input (lhs) dilation per spatial dimension; 1 means none. */
    public static final Attr<int[]> LHS_DILATION = Attr.ofInts("lhs_dilation");
    /** Kernel (rhs) dilation per spatial dimension; 1 means none. */
    public static final Attr<int[]> RHS_DILATION = Attr.ofInts("rhs_dilation");
    /** Feature groups of a convolution. */
    public static final Attr<Integer> GROUPS = Attr.ofInt("groups");
    /** Window sizes, one per operand dimension. */
    public static final Attr<int[]> WINDOW = Attr.ofInts("window");
    /** Epsilon added to a variance. */
    public static final Attr<Double> EPS = Attr.ofDouble("eps");
    /** Variance correction (0 = population, 1 = Bessel). */
    public static final Attr<Integer> CORRECTION = Attr.ofInt("correction");
    /** How many trailing dimensions layer norm normalises over. */
    public static final Attr<Integer> NORMALIZED_NDIM = Attr.ofInt("normalized_ndim");
    /** Dropout probability. */
    public static final Attr<Double> RATE = Attr.ofDouble("rate");
    /** Scale of the second operand of scaled_add. */
    public static final Attr<Double> ALPHA = Attr.ofDouble("alpha");
    /** Label smoothing of cross-entropy. */
    public static final Attr<Double> LABEL_SMOOTHING = Attr.ofDouble("label_smoothing");
    /** Score scale of attention (0 means 1/sqrt(head dim)). */
    public static final Attr<Double> SCALE = Attr.ofDouble("scale");
    /** Causal masking of attention. */
    public static final Attr<Boolean> CAUSAL = Attr.ofBool("causal");
}
