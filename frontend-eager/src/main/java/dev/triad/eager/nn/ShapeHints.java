package dev.triad.eager.nn;

/**
 * Hints for the classic feature-count mistake in front of a dense layer: the previous layers
 * produce {@code actual = channels x h x h} features but the layer was sized for
 * {@code channels x e x e}. The hint factors both counts into a shared channel count and square
 * maps, and explains the usual cause (a SAME convolution, which keeps the map size, taken for
 * a VALID one, which shrinks it by {@code kernel - 1}).
 */
final class ShapeHints {
    private ShapeHints() {}

    /** A sentence starting with " Hint:", or an empty string when nothing useful can be said. */
    static String featureMismatch(long actual, long expected) {
        long[] f = commonSquareFactorisation(actual, expected);
        if (f != null) {
            long c = f[0], ha = f[1], he = f[2];
            StringBuilder b = new StringBuilder(" Hint: ").append(actual).append(" = ").append(c).append(" x ").append(ha).append(" x ").append(ha)
                    .append(" — did you size the layer for a ").append(he).append('x').append(he).append(" map?");
            if (he == ha - 1) {
                b.append(" A SAME 3x3 convolution of ").append(2 * ha).append('x').append(2 * ha)
                        .append(" followed by 2x2 pooling gives ").append(ha).append('x').append(ha).append('.');
            } else if (he == 2 * ha) {
                b.append(" A 2x2 pooling halves a ").append(he).append('x').append(he).append(" map to ").append(ha).append('x').append(ha).append('.');
            } else if (ha == 2 * he) {
                b.append(" The layers before produce a ").append(ha).append('x').append(ha).append(" map: is a 2x2 pooling missing?");
            }
            return b.toString();
        }
        long[] a = squareFactorisation(actual);
        if (a != null) {
            return " Hint: " + actual + " = " + a[0] + " x " + a[1] + " x " + a[1] + " (channels x height x width?); set in_features=" + actual + ".";
        }
        return " Hint: the layers before produce " + actual + " features per example; set in_features=" + actual + ".";
    }

    /** {@code {c, ha, he}} with {@code actual = c*ha*ha}, {@code expected = c*he*he}, the largest such c (maps of side >= 2). */
    private static long[] commonSquareFactorisation(long actual, long expected) {
        if (actual <= 0 || expected <= 0 || actual == expected) return null;
        long g = gcd(actual, expected);
        for (long c = g; c >= 1; c--) {
            if (g % c != 0) continue;
            long ha = exactSqrt(actual / c), he = exactSqrt(expected / c);
            if (ha >= 2 && he >= 2) return new long[] {c, ha, he};
        }
        return null;
    }

    /** {@code {c, h}} with {@code n = c*h*h} for the largest square map with side >= 2 and c >= 2. */
    private static long[] squareFactorisation(long n) {
        for (long h = (long) Math.sqrt(n); h >= 2; h--) {
            if (n % (h * h) == 0 && n / (h * h) >= 2) return new long[] {n / (h * h), h};
        }
        return null;
    }

    private static long gcd(long a, long b) { return b == 0 ? a : gcd(b, a % b); }

    private static long exactSqrt(long n) {
        long r = Math.round(Math.sqrt(n));
        return r * r == n ? r : -1;
    }
}
