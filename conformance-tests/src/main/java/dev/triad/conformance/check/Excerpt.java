package dev.triad.conformance.check;

import dev.triad.conformance.reference.RefArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.Locale;

/**
 * Short, readable excerpts of arrays for failure reports: a few elements around the one that
 * mattered, so that a report shows the numbers without dumping a whole tensor.
 */
public final class Excerpt {
    private Excerpt() {}

    /** Elements shown on each side of the element that mattered. */
    private static final int RADIUS = 3;

    /**
     * Up to seven elements of {@code x} around flat index {@code center}, the centre one starred,
     * prefixed by its multi-index: {@code f32[3,4] at [1,2]: ... 0.5403023, *-0.4161468*, 0.9092974 ...}.
     */
    public static String around(RefArray x, int center) {
        StringBuilder b = new StringBuilder().append(x.type());
        int n = x.size();
        if (n == 0) return b.append(": (no elements)").toString();
        center = Math.max(0, Math.min(center, n - 1));
        if (x.rank() > 0) b.append(" at ").append(multiIndex(x.shape(), center));
        b.append(": ");
        int from = Math.max(0, center - RADIUS), to = Math.min(n, center + RADIUS + 1);
        if (from > 0) b.append("... ");
        for (int i = from; i < to; i++) {
            if (i > from) b.append(", ");
            String v = value(x, i);
            b.append(i == center && n > 1 ? "*" + v + "*" : v);
        }
        if (to < n) b.append(" ...");
        return b.toString();
    }

    /**
     * One element in a short form: integers exactly; F64 with twelve significant digits (enough
     * to see a difference its tolerance rejects); narrower floats as the shortest float that
     * reads back to the same value.
     */
    public static String value(RefArray x, int i) {
        if (x.isIntegral()) return Long.toString(x.getLong(i));
        return x.dtype() == DType.F64 ? number(x.get(i)) : floatNumber(x.get(i));
    }

    /** A double with up to twelve significant digits ({@code inf}, {@code -inf}, {@code nan} for the non-finite). */
    public static String number(double v) {
        if (!Double.isFinite(v)) return nonFinite(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return trim(String.format(Locale.ROOT, "%.12g", v));
    }

    private static String floatNumber(double v) {
        if (!Double.isFinite(v)) return nonFinite(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e7) return Long.toString((long) v);
        return Float.toString((float) v).replace('E', 'e');
    }

    private static String nonFinite(double v) { return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf"; }

    /** Drops trailing zeros of the mantissa: {@code 1.500000000000e-03} becomes {@code 1.5e-03}. */
    private static String trim(String s) {
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e), exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "");
            if (mantissa.endsWith(".")) mantissa = mantissa.substring(0, mantissa.length() - 1);
        }
        return mantissa + exponent;
    }

    /** The multi-index of flat (row-major) index {@code flat} in {@code s}, e.g. {@code [1,2]}. */
    static String multiIndex(Shape s, long flat) {
        long[] idx = new long[s.rank()];
        for (int d = s.rank() - 1; d >= 0; d--) {
            long dim = s.dim(d);
            idx[d] = dim == 0 ? 0 : flat % dim;
            flat = dim == 0 ? 0 : flat / dim;
        }
        // Written like shapes are, without spaces.
        StringBuilder b = new StringBuilder("[");
        for (int d = 0; d < idx.length; d++) b.append(d > 0 ? "," : "").append(idx[d]);
        return b.append(']').toString();
    }
}
