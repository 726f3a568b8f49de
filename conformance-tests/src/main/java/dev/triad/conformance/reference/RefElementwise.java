package dev.triad.conformance.reference;

import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Elements;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

/**
 * Unary, binary, select and cast kernels of the reference. Floating ops compute in double from
 * the (already rounded) inputs and round the result once to the output dtype; integer ops
 * compute on longs and wrap to the type's width (two's complement).
 */
final class RefElementwise {
    private RefElementwise() {}

    static RefArray unary(Primitive p, RefArray x, TensorType out) {
        int n = x.size();
        if (out.dtype().isFloating()) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) r[i] = Elements.roundTo(out.dtype(), unaryFloat(p, x.get(i)));
            return RefArray.adoptFloats(out.dtype(), out.shape(), r);
        }
        long[] r = new long[n];
        for (int i = 0; i < n; i++) r[i] = RefArray.wrap(out.dtype(), unaryInt(p, x.getLong(i), out.dtype()));
        return RefArray.adoptLongs(out.dtype(), out.shape(), r);
    }

    private static double unaryFloat(Primitive p, double x) {
        return switch (p.name()) {
            case "neg" -> -x;
            case "abs" -> Math.abs(x);
            case "sign" -> Double.isNaN(x) ? Double.NaN : Math.signum(x);
            case "exp" -> Math.exp(x);
            case "log" -> Math.log(x);
            case "log1p" -> Math.log1p(x);
            case "expm1" -> Math.expm1(x);
            case "sqrt" -> Math.sqrt(x);
            case "rsqrt" -> 1.0 / Math.sqrt(x);
            case "sin" -> Math.sin(x);
            case "cos" -> Math.cos(x);
            case "tanh" -> Math.tanh(x);
            case "logistic" -> 1.0 / (1.0 + Math.exp(-x));
            case "erf" -> SpecialFunctions.erf(x);
            case "reciprocal" -> 1.0 / x;
            case "floor" -> Math.floor(x);
            case "ceil" -> Math.ceil(x);
            case "round" -> Math.rint(x);
            default -> throw new IllegalStateException("reference has no float kernel for " + p);
        };
    }

    private static long unaryInt(Primitive p, long x, DType t) {
        return switch (p.name()) {
            case "neg" -> -x;
            case "abs" -> Math.abs(x);
            case "sign" -> Long.signum(x);
            case "not" -> t == DType.BOOL ? 1 - x : ~x;
            default -> throw new IllegalStateException("reference has no integer kernel for " + p + " on " + t);
        };
    }

    static RefArray binary(Primitive p, RefArray a, RefArray b, TensorType out) {
        Shape s = out.shape();
        int[] ma = Index.broadcastMap(a.shape(), s), mb = Index.broadcastMap(b.shape(), s);
        int n = ma.length;
        DType in = a.dtype();
        if (isComparison(p)) {
            long[] r = new long[n];
            for (int i = 0; i < n; i++) {
                boolean v = in.isFloating() ? compareFloat(p, a.get(ma[i]), b.get(mb[i])) : compareInt(p, a.getLong(ma[i]), b.getLong(mb[i]));
                r[i] = v ? 1 : 0;
            }
            return RefArray.adoptLongs(DType.BOOL, s, r);
        }
        if (in.isFloating()) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) r[i] = Elements.roundTo(out.dtype(), binaryFloat(p, a.get(ma[i]), b.get(mb[i])));
            return RefArray.adoptFloats(out.dtype(), s, r);
        }
        long[] r = new long[n];
        for (int i = 0; i < n; i++) r[i] = RefArray.wrap(out.dtype(), binaryInt(p, a.getLong(ma[i]), b.getLong(mb[i])));
        return RefArray.adoptLongs(out.dtype(), s, r);
    }

    private static boolean isComparison(Primitive p) {
        return switch (p.name()) {
            case "eq", "ne", "lt", "le", "gt", "ge" -> true;
            default -> false;
        };
    }

    private static double binaryFloat(Primitive p, double a, double b) {
        return switch (p.name()) {
            case "add" -> a + b;
            case "sub" -> a - b;
            case "mul" -> a * b;
            case "div" -> a / b;
            case "pow" -> Math.pow(a, b);
            case "max" -> Math.max(a, b);
            case "min" -> Math.min(a, b);
            case "rem" -> a % b; // Java's % on doubles is C fmod: the result has the dividend's sign
            default -> throw new IllegalStateException("reference has no float kernel for " + p);
        };
    }

    private static long binaryInt(Primitive p, long a, long b) {
        return switch (p.name()) {
            case "add" -> a + b;
            case "sub" -> a - b;
            case "mul" -> a * b;
            case "div" -> b == 0 ? -1 : a / b;
            case "max" -> Math.max(a, b);
            case "min" -> Math.min(a, b);
            case "rem" -> b == 0 ? a : a % b;
            case "and" -> a & b;
            case "or" -> a | b;
            default -> throw new IllegalStateException("reference has no integer kernel for " + p);
        };
    }

    private static boolean compareFloat(Primitive p, double a, double b) {
        return switch (p.name()) {
            case "eq" -> a == b;
            case "ne" -> a != b;
            case "lt" -> a < b;
            case "le" -> a <= b;
            case "gt" -> a > b;
            case "ge" -> a >= b;
            default -> throw new IllegalStateException("not a comparison: " + p);
        };
    }

    private static boolean compareInt(Primitive p, long a, long b) {
        return switch (p.name()) {
            case "eq" -> a == b;
            case "ne" -> a != b;
            case "lt" -> a < b;
            case "le" -> a <= b;
            case "gt" -> a > b;
            case "ge" -> a >= b;
            default -> throw new IllegalStateException("not a comparison: " + p);
        };
    }

    static RefArray where(RefArray c, RefArray x, RefArray y, TensorType out) {
        Shape s = out.shape();
        int[] mc = Index.broadcastMap(c.shape(), s), mx = Index.broadcastMap(x.shape(), s), my = Index.broadcastMap(y.shape(), s);
        int n = mc.length;
        if (out.dtype().isFloating()) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) r[i] = c.getLong(mc[i]) != 0 ? x.get(mx[i]) : y.get(my[i]);
            return RefArray.adoptFloats(out.dtype(), s, r);
        }
        long[] r = new long[n];
        for (int i = 0; i < n; i++) r[i] = c.getLong(mc[i]) != 0 ? x.getLong(mx[i]) : y.getLong(my[i]);
        return RefArray.adoptLongs(out.dtype(), s, r);
    }

    /**
     * Cast: float to float rounds to nearest even; float to integer truncates toward zero,
     * saturates and maps NaN to 0 ({@link Elements#roundTo}); integer to integer wraps; anything
     * to BOOL is {@code != 0} (NaN included).
     */
    static RefArray cast(RefArray x, TensorType out) {
        DType to = out.dtype();
        int n = x.size();
        if (to.isFloating()) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = x.isIntegral() ? RefArray.fromLong(to, x.getLong(i)) : Elements.roundTo(to, x.get(i));
            }
            return RefArray.adoptFloats(to, out.shape(), r);
        }
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            if (x.isIntegral()) {
                r[i] = RefArray.wrap(to, x.getLong(i));
            } else {
                double v = x.get(i);
                r[i] = to == DType.BOOL ? (v != 0 || Double.isNaN(v) ? 1 : 0) : (long) Elements.roundTo(to, v);
            }
        }
        return RefArray.adoptLongs(to, out.shape(), r);
    }
}
