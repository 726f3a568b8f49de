package dev.triad.functional;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.AttributeException;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.random.Threefry;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Explicit, counter-based randomness ({@code jax.random}): every function takes a {@link Key}
 * and is a pure function of it, built on the {@code random_bits} primitive (Threefry-2x32), so
 * the same key gives the same numbers on every backend, inside or outside {@code jit} and
 * {@code vmap}. Keys are never reused implicitly: {@link #split} one to get more.
 *
 * <p>{@link #key} and {@link #split} give the same words as {@code jax.random.PRNGKey} and
 * {@code jax.random.split}; the samplers use their own (documented) bit-to-value conversions.
 */
public final class random {
    private random() {}

    private static final Ops<Array> O = ArrayOps.OPS;
    private static final double TWO_POW_M23 = 1.0 / 8388608.0;

    /** The key for {@code seed} ({@code jax.random.PRNGKey(seed)}). */
    public static Key key(long seed) {
        int[] words = Threefry.seedKey(seed);
        return new Key(Core.constant(HostArray.fromInts(DType.I32, Shape.of(2), words)));
    }

    /** Two new keys derived from {@code key}. */
    public static List<Key> split(Key key) { return split(key, 2); }

    /** {@code n} new keys derived from {@code key}, as {@code jax.random.split(key, n)} gives them. */
    public static List<Key> split(Key key, int n) {
        Array bits = O.randomBits(key.data(), Shape.of(n, 2));
        List<Key> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(new Key(np.index(bits, i)));
        return out;
    }

    /** {@code n} new keys as one array {@code i32[n, 2]}, e.g. to {@code vmap} over. */
    public static Array splitArray(Key key, int n) { return O.randomBits(key.data(), Shape.of(n, 2)); }

    /**
     * A new key derived from {@code key} and {@code data} (e.g. a step or layer number): the key's
     * first two random words, with {@code data} added to the second, hashed once more.
     */
    public static Key foldIn(Key key, int data) {
        Array h = O.randomBits(key.data(), Shape.of(2));
        Array mixed = O.add(h, Core.constant(HostArray.fromInts(DType.I32, Shape.of(2), 0, data)));
        return new Key(O.randomBits(mixed, Shape.of(2)));
    }

    /** Raw random 32-bit words ({@code i32}) of {@code shape}. */
    public static Array bits(Key key, long... shape) { return O.randomBits(key.data(), Shape.of(shape)); }

    /** Uniform F32 values in [0, 1) with 23 random bits each. */
    public static Array uniform(Key key, long... shape) { return uniform(key, Shape.of(shape), DType.F32, 0, 1); }

    /**
     * Uniform values of {@code dtype} in [minval, maxval). Each value takes 23 random bits
     * ({@code (bits & 0x7FFFFF) * 2^-23}); F64 takes 46, from two words.
     */
    public static Array uniform(Key key, Shape shape, DType dtype, double minval, double maxval) {
        if (!dtype.isFloating()) throw new AttributeException("uniform", "dtype " + dtype + "; expected a floating type");
        Array u = unit(key, shape, dtype, 0.0);
        if (minval == 0 && maxval == 1) return u;
        return O.add(O.mul(u, maxval - minval), minval);
    }

    /** Values in [0, 1) (offset 0) or (0, 1) (offset 0.5) of {@code dtype}. */
    private static Array unit(Key key, Shape shape, DType dtype, double offset) {
        DType compute = dtype == DType.F64 ? DType.F64 : DType.F32;
        if (compute == DType.F64) {
            Array words = O.and(O.randomBits(key.data(), shape.insert(0, 2)), O.scalar(0x7FFFFF, DType.I32));
            Array hi = O.cast(O.squeeze(O.sliceAxis(words, 0, 0, 1), 0), DType.F64);
            Array lo = O.cast(O.squeeze(O.sliceAxis(words, 0, 1, 2), 0), DType.F64);
            Array m = O.add(O.mul(hi, 8388608.0), lo);
            return O.mul(O.add(m, offset), TWO_POW_M23 * TWO_POW_M23);
        }
        Array m = O.cast(O.and(O.randomBits(key.data(), shape), O.scalar(0x7FFFFF, DType.I32)), DType.F32);
        return O.cast(O.mul(O.add(m, offset), TWO_POW_M23), dtype);
    }

    /** Standard normal F32 values. */
    public static Array normal(Key key, long... shape) { return normal(key, Shape.of(shape), DType.F32); }

    /** Standard normal values of {@code dtype}, by the Box-Muller transform of two uniforms. */
    public static Array normal(Key key, Shape shape, DType dtype) {
        List<Key> ks = split(key, 2);
        // u1 in (0, 1) keeps the logarithm finite.
        Array u1 = unit(ks.get(0), shape, dtype, 0.5);
        Array u2 = unit(ks.get(1), shape, dtype, 0.0);
        Array r = O.sqrt(O.mul(O.log(u1), -2.0));
        return O.mul(r, O.cos(O.mul(u2, 2 * Math.PI)));
    }

    /** BOOL values that are true with probability {@code p}. */
    public static Array bernoulli(Key key, double p, long... shape) {
        return O.lt(uniform(key, shape), O.scalar(p, DType.F32));
    }

    /** Integers (I32) uniform in [lo, hi). */
    public static Array randint(Key key, Shape shape, long lo, long hi) {
        if (hi <= lo) throw new AttributeException("randint", "empty range [" + lo + ", " + hi + ")");
        Array u = unit(key, shape, DType.F64, 0.0);
        return O.add(O.cast(O.floor(O.mul(u, (double) (hi - lo))), DType.I32), (double) lo);
    }

    /**
     * Samples from the categorical distributions given by unnormalised log-probabilities
     * {@code logits} along {@code axis} (the Gumbel-max trick); result I64 without that axis.
     */
    public static Array categorical(Key key, Array logits, int axis) {
        Array u = unit(key, logits.shape(), logits.dtype().isFloating() ? logits.dtype() : DType.F32, 0.5);
        Array gumbel = O.neg(O.log(O.neg(O.log(u))));
        return O.argmax(O.add(logits, gumbel), axis, false);
    }

    /**
     * A random permutation of {@code 0 .. n-1} (I64): the indices sorted by the key's random words
     * {@code bits(key, n)} (as signed integers, ties by index). A concrete key sorts on the host;
     * a traced one ranks the words with ops (quadratic in n), and both give the same result.
     */
    public static Array permutation(Key key, int n) {
        Array words = O.randomBits(key.data(), Shape.of(n));
        if (words.isConcrete()) {
            long[] w = words.toLongArray();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            Arrays.sort(order, Comparator.<Integer>comparingLong(i -> w[i]).thenComparingInt(i -> i));
            long[] perm = new long[n];
            for (int i = 0; i < n; i++) perm[i] = order[i];
            return Core.constant(HostArray.fromLongs(DType.I64, Shape.of(n), perm));
        }
        Shape sq = Shape.of(n, n);
        Array wi = O.broadcastTo(O.reshape(words, Shape.of(n, 1)), sq);
        Array wj = O.broadcastTo(O.reshape(words, Shape.of(1, n)), sq);
        Array before = O.or(O.lt(wj, wi), O.and(O.eq(wj, wi), O.lt(O.iota(sq, DType.I32, 1), O.iota(sq, DType.I32, 0))));
        Array rank = O.sum(O.cast(before, DType.I64), new int[] {1}, false);
        return O.scatterAdd(O.full(Shape.of(n), DType.I64, 0), rank, O.iota(Shape.of(n), DType.I64, 0), 0);
    }
}
