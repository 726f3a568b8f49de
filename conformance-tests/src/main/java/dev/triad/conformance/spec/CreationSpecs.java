package dev.triad.conformance.spec;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.List;

import static dev.triad.conformance.spec.In.key;
import static dev.triad.conformance.spec.In.of;
import static dev.triad.spi.types.DType.BF16;
import static dev.triad.spi.types.DType.BOOL;
import static dev.triad.spi.types.DType.F16;
import static dev.triad.spi.types.DType.F32;
import static dev.triad.spi.types.DType.F64;
import static dev.triad.spi.types.DType.I32;
import static dev.triad.spi.types.DType.I64;
import static dev.triad.spi.types.DType.U8;

/** Op database entries of full, iota and random_bits. */
final class CreationSpecs {
    private CreationSpecs() {}

    private static Attrs full(DType t, double value, long... dims) {
        return Attrs.of(Keys.SHAPE, Shape.of(dims), Keys.DTYPE, t, Keys.VALUE, value);
    }

    private static Attrs iota(DType t, int axis, long... dims) {
        return Attrs.of(Keys.SHAPE, Shape.of(dims), Keys.DTYPE, t, Keys.AXIS, axis);
    }

    private static Attrs bits(long... dims) { return Attrs.of(Keys.SHAPE, Shape.of(dims)); }

    static List<OpSpec> specs() {
        DType[] floats = UnarySpecs.FLOATS;
        return List.of(
                OpSpec.builder(Prims.FULL, F32, F64, BF16, F16, I32, I64, U8, BOOL)
                        // Integral values for every dtype: how a fractional fill converts to an integer type is left open.
                        .sample("[2,3] of 3", t -> full(t, t == BOOL ? 1 : 3, 2, 3))
                        .sample("scalar 0", t -> full(t, 0))
                        .sample("empty [0,4]", t -> full(t, 1, 0, 4))
                        .sample("[5] of 2.5", t -> full(t, 2.5, 5)).last(s -> s.only(floats))
                        .sample("[3] of -1.75", t -> full(t, -1.75, 3)).last(s -> s.only(floats))
                        .sample("NaN and infinity", t -> full(t, Double.NaN, 2)).last(s -> s.only(floats))
                        .sample("1e10 (overflows f16)", t -> full(t, 1e10, 2)).last(s -> s.only(floats))
                        .sample("[4] of 250", t -> full(t, 250, 4)).last(s -> s.only(I32, I64, U8))
                        .build(),
                OpSpec.builder(Prims.IOTA, F32, F64, BF16, F16, I32, I64, U8)
                        .sample("[3,4] along 1", t -> iota(t, 1, 3, 4))
                        .sample("odd [7] along 0", t -> iota(t, 0, 7))
                        .sample("[2,3,4] along 0", t -> iota(t, 0, 2, 3, 4))
                        .sample("[300] along 0 (bf16 rounds)", t -> iota(t, 0, 300)).last(s -> s.only(F32, F64, BF16, F16, I32, I64))
                        .sample("empty [0,3] along 1", t -> iota(t, 1, 0, 3))
                        .error("axis 2 for rank 2", iota(F32, 2, 3, 4), AttributeException.class)
                        .error("scalar shape has no axis", iota(F32, 0), AttributeException.class)
                        .error("bool result", iota(BOOL, 0, 3), DTypeException.class)
                        .build(),
                OpSpec.builder(Prims.RANDOM_BITS, I32)
                        .sample("odd [5]", bits(5), key(0, 0))
                        .sample("[2,3]", bits(2, 3), key(42, 7))
                        .sample("[4]", bits(4), key(-1, 123456789))
                        .sample("[257]", bits(257), key(1, 2))
                        .sample("scalar", bits(), key(3, 4))
                        .sample("empty [0]", bits(0), key(5, 6)).last(Sample::forwardOnly)
                        .error("i64 key", bits(3), DTypeException.class, of(I64, new ExactLongs(0, 0), 2))
                        .error("f32 key", bits(3), DTypeException.class, of(F32, new ExactLongs(0, 0), 2))
                        .error("key of shape [3]", bits(3), ShapeException.class, of(I32, new ExactLongs(0, 0, 0), 3))
                        .notes("bit-exact against an independent Threefry-2x32; see also the rng checks")
                        .build());
    }
}
