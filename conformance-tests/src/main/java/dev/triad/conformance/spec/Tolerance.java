package dev.triad.conformance.spec;

/**
 * How far a result may be from the reference: element {@code a} matches {@code r} when
 * {@code |a - r| <= atol + rtol * |r|}; NaN matches only NaN and an infinity only itself.
 *
 * @param atol absolute part
 * @param rtol relative part
 */
public record Tolerance(double atol, double rtol) {
    /** Exact equality (integers, booleans, data movement). */
    public static final Tolerance EXACT = new Tolerance(0, 0);

    /** The largest difference allowed at reference value {@code r}. */
    public double allowed(double r) { return atol + rtol * Math.abs(r); }

    /** This tolerance with both parts multiplied by {@code factor}. */
    public Tolerance times(double factor) { return new Tolerance(atol * factor, rtol * factor); }

    @Override
    public String toString() { return "atol " + atol + ", rtol " + rtol; }
}
