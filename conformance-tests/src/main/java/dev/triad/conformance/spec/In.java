package dev.triad.conformance.spec;

import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

/** Short constructors of {@link InputSpec}s for the op database. */
public final class In {
    private In() {}

    /** An input of the case's dtype with values in [-2, 2]. */
    public static InputSpec x(long... dims) { return new InputSpec(Shape.of(dims), null, Gen.normalish()); }

    /** An input of the case's dtype with values from {@code g}. */
    public static InputSpec x(ValueGen g, long... dims) { return new InputSpec(Shape.of(dims), null, g); }

    /** An input of a fixed dtype. */
    public static InputSpec of(DType t, ValueGen g, long... dims) { return new InputSpec(Shape.of(dims), t, g); }

    /** An F32 input (for error cases). */
    public static InputSpec f32(long... dims) { return of(DType.F32, Gen.normalish(), dims); }

    /** A random BOOL input. */
    public static InputSpec bool(long... dims) { return of(DType.BOOL, Gen.bools(0.5), dims); }

    /** Valid indices {@code [0, bound)} of dtype {@code t}. */
    public static InputSpec idx(DType t, long bound, long... dims) { return of(t, Gen.indices(bound), dims); }

    /** A Threefry key {@code i32[2]}. */
    public static InputSpec key(long k0, long k1) { return of(DType.I32, new ExactLongs(k0, k1), 2); }
}
