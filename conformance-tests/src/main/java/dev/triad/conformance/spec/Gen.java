package dev.triad.conformance.spec;

import dev.triad.spi.types.DType;

/**
 * The value generators the op database uses. Integer and BOOL dtypes get integers (U8 never
 * below 0), so one generator serves every dtype of an op.
 */
public final class Gen {
    private Gen() {}

    /** Uniform in {@code [lo, hi]}; integers in that range for integer dtypes, 0/1 for BOOL. */
    public static ValueGen uniform(double lo, double hi) {
        return (t, s, r) -> {
            double[] v = new double[(int) s.numel()];
            for (int i = 0; i < v.length; i++) v[i] = draw(t, lo, hi, r);
            return v;
        };
    }

    private static double draw(DType t, double lo, double hi, java.util.SplittableRandom r) {
        if (t == DType.BOOL) return r.nextInt(2);
        if (!t.isFloating()) {
            long a = (long) Math.ceil(t == DType.U8 ? Math.max(lo, 0) : lo), b = (long) Math.floor(hi);
            return a + r.nextLong(b - a + 1);
        }
        return lo + (hi - lo) * r.nextDouble();
    }

    /** The default: uniform in [-2, 2]. */
    public static ValueGen normalish() { return uniform(-2, 2); }

    /** Uniform in [lo, hi] but never within {@code margin} of any of {@code kinks}: keeps gradient checks off non-smooth points. */
    public static ValueGen awayFrom(double lo, double hi, double margin, double... kinks) {
        return (t, s, r) -> {
            double[] v = new double[(int) s.numel()];
            for (int i = 0; i < v.length; i++) {
                double x;
                do {
                    x = draw(t, lo, hi, r);
                } while (t.isFloating() && near(x, margin, kinks));
                v[i] = x;
            }
            return v;
        };
    }

    private static boolean near(double x, double margin, double[] kinks) {
        for (double k : kinks) if (Math.abs(x - k) < margin) return true;
        return false;
    }

    /** Uniform values at least {@code margin} away from every integer (for floor, ceil, round, rem). */
    public static ValueGen awayFromIntegers(double lo, double hi, double margin) {
        return (t, s, r) -> {
            double[] v = new double[(int) s.numel()];
            for (int i = 0; i < v.length; i++) {
                double x;
                do {
                    x = draw(t, lo, hi, r);
                } while (t.isFloating() && Math.abs(x - Math.rint(x)) < margin);
                v[i] = x;
            }
            return v;
        };
    }

    /** Magnitudes in [lo, hi] with random signs (never near zero): divisors, reciprocals. */
    public static ValueGen nonZero(double lo, double hi) {
        return (t, s, r) -> {
            double[] v = new double[(int) s.numel()];
            for (int i = 0; i < v.length; i++) {
                double m = draw(t, Math.max(lo, t.isFloating() ? lo : 1), hi, r);
                v[i] = t == DType.U8 || r.nextBoolean() ? m : -m;
            }
            return v;
        };
    }

    /** Distinct values (a shuffled ladder with uneven steps): no ties for max, min, argmax, sorting. */
    public static ValueGen distinct() {
        return (t, s, r) -> {
            int n = (int) s.numel();
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = t.isFloating() ? (i - n / 2.0) * 0.37 + 0.05 * (i % 3) : i - n / 2;
            if (t == DType.U8) for (int i = 0; i < n; i++) v[i] = i;
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                double x = v[i];
                v[i] = v[j];
                v[j] = x;
            }
            return v;
        };
    }

    /** Exactly {@code values}, repeated to fill the shape. */
    public static ValueGen fixed(double... values) {
        return (t, s, r) -> {
            double[] v = new double[(int) s.numel()];
            for (int i = 0; i < v.length; i++) v[i] = values[i % values.length];
            return v;
        };
    }

    /** Random integers in {@code [0, bound)}: valid indices or labels (for any index dtype). */
    public static ValueGen indices(long bound) {
        return (t, s, r) -> {
            double[] v = new double[(int) s.numel()];
            for (int i = 0; i < v.length; i++) v[i] = r.nextLong(bound);
            return v;
        };
    }

    /** Random booleans with probability {@code pTrue}, as 0/1. */
    public static ValueGen bools(double pTrue) {
        return (t, s, r) -> {
            double[] v = new double[(int) s.numel()];
            for (int i = 0; i < v.length; i++) v[i] = r.nextDouble() < pTrue ? 1 : 0;
            return v;
        };
    }

    /** Small integers in [lo, hi] for every dtype (floats too), so that ties and equality really occur. */
    public static ValueGen smallInts(int lo, int hi) {
        return (t, s, r) -> {
            double[] v = new double[(int) s.numel()];
            int l = t == DType.U8 || t == DType.BOOL ? Math.max(lo, 0) : lo;
            int h = t == DType.BOOL ? Math.min(hi, 1) : hi;
            for (int i = 0; i < v.length; i++) v[i] = l + r.nextInt(h - l + 1);
            return v;
        };
    }

    /** The special values NaN, +inf, -inf, 0, -0 and a few ordinary ones, repeated. */
    public static ValueGen specials() {
        return fixed(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1.5, -2.25);
    }
}
