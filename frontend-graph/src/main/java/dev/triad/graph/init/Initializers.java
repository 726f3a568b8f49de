package dev.triad.graph.init;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.random.Threefry;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The standard initializers. Fan-in and fan-out follow the layouts of the graph front-end's
 * layers: a matrix is {@code [in, out]} (Keras' Dense kernel), a convolution kernel is
 * {@code [out, in, k...]} (the op IR's layout), so {@code fan_in = in * prod(k)} and
 * {@code fan_out = out * prod(k)}; a vector or scalar uses its size for both.
 */
public final class Initializers {
    private Initializers() {}

    /** All zeros. */
    public static Initializer zeros() { return constant(0); }

    /** All ones. */
    public static Initializer ones() { return constant(1); }

    /** Every element {@code value}. */
    public static Initializer constant(double value) {
        return spec("constant(value=" + value + ")", type -> filled(type, () -> value));
    }

    /** Uniform in {@code [low, high)}. */
    public static Initializer uniform(double low, double high, long seed) {
        return spec("uniform(low=" + low + ",high=" + high + ",seed=" + seed + ")", type -> {
            Uniforms u = new Uniforms(seed, type.numel());
            return filled(type, () -> low + (high - low) * u.next());
        });
    }

    /** Normal with {@code mean} and standard deviation {@code stddev}. */
    public static Initializer normal(double mean, double stddev, long seed) {
        return spec("normal(mean=" + mean + ",stddev=" + stddev + ",seed=" + seed + ")", type -> normals(type, seed, mean, stddev));
    }

    /** Glorot (Xavier) uniform: {@code U(-l, l)}, {@code l = sqrt(6 / (fan_in + fan_out))}; Keras' default for kernels. */
    public static Initializer glorotUniform(long seed) {
        return spec("glorot_uniform(seed=" + seed + ")", type -> {
            long[] f = fans(type.shape());
            double limit = Math.sqrt(6.0 / (f[0] + f[1]));
            Uniforms u = new Uniforms(seed, type.numel());
            return filled(type, () -> limit * (2 * u.next() - 1));
        });
    }

    /** He (Kaiming) normal: standard deviation {@code sqrt(2 / fan_in)}. */
    public static Initializer heNormal(long seed) {
        return spec("he_normal(seed=" + seed + ")", type -> normals(type, seed, 0, Math.sqrt(2.0 / fans(type.shape())[0])));
    }

    /** He (Kaiming) uniform: {@code U(-l, l)}, {@code l = sqrt(6 / fan_in)}. */
    public static Initializer heUniform(long seed) {
        return spec("he_uniform(seed=" + seed + ")", type -> {
            double limit = Math.sqrt(6.0 / fans(type.shape())[0]);
            Uniforms u = new Uniforms(seed, type.numel());
            return filled(type, () -> limit * (2 * u.next() - 1));
        });
    }

    /** Exactly {@code value} (which must have the variable's type). Its spec cannot recreate the values. */
    public static Initializer values(HostArray value) {
        HostArray copy = HostArray.wrap(value.type(), value.bytes().clone());
        return spec("values", type -> {
            if (!type.equals(copy.type())) throw new IllegalArgumentException("initial value " + copy.type() + " does not fit a variable of type " + type);
            return HostArray.wrap(copy.type(), copy.bytes().clone());
        });
    }

    /**
     * The initializer a {@link Initializer#spec()} text describes.
     *
     * @throws IllegalArgumentException for an unknown or malformed spec; {@code values} (whose
     *     data is not in the text) parses to an initializer that fails when run, asking for the
     *     saved weights
     */
    public static Initializer parse(String spec) {
        String s = spec.trim();
        int open = s.indexOf('(');
        String name = open < 0 ? s : s.substring(0, open);
        Map<String, String> args = new HashMap<>();
        if (open >= 0) {
            if (!s.endsWith(")")) throw new IllegalArgumentException("malformed initializer '" + spec + "'");
            String inner = s.substring(open + 1, s.length() - 1).trim();
            if (!inner.isEmpty()) {
                for (String kv : inner.split(",")) {
                    int eq = kv.indexOf('=');
                    if (eq < 0) throw new IllegalArgumentException("malformed argument '" + kv + "' in initializer '" + spec + "'");
                    args.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
            }
        }
        try {
            return switch (name) {
                case "constant" -> constant(Double.parseDouble(arg(args, "value", spec)));
                case "uniform" -> uniform(Double.parseDouble(arg(args, "low", spec)), Double.parseDouble(arg(args, "high", spec)), Long.parseLong(arg(args, "seed", spec)));
                case "normal" -> normal(Double.parseDouble(arg(args, "mean", spec)), Double.parseDouble(arg(args, "stddev", spec)), Long.parseLong(arg(args, "seed", spec)));
                case "glorot_uniform" -> glorotUniform(Long.parseLong(arg(args, "seed", spec)));
                case "he_normal" -> heNormal(Long.parseLong(arg(args, "seed", spec)));
                case "he_uniform" -> heUniform(Long.parseLong(arg(args, "seed", spec)));
                case "values" -> spec("values", type -> {
                    throw new IllegalStateException("this variable's initial values were not saved with the graph; load its weights instead");
                });
                default -> throw new IllegalArgumentException("unknown initializer '" + name + "' in '" + spec + "'");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed number in initializer '" + spec + "'", e);
        }
    }

    private static String arg(Map<String, String> args, String key, String spec) {
        String v = args.get(key);
        if (v == null) throw new IllegalArgumentException("initializer '" + spec + "' lacks argument '" + key + "'");
        return v;
    }

    /** {@code [fan_in, fan_out]} of a variable of shape {@code s}. */
    static long[] fans(Shape s) {
        if (s.rank() < 2) {
            long n = Math.max(1, s.numel());
            return new long[] {n, n};
        }
        if (s.rank() == 2) return new long[] {Math.max(1, s.dim(0)), Math.max(1, s.dim(1))};
        long receptive = 1;
        for (int i = 2; i < s.rank(); i++) receptive *= s.dim(i);
        return new long[] {Math.max(1, s.dim(1) * receptive), Math.max(1, s.dim(0) * receptive)};
    }

    private static HostArray normals(TensorType type, long seed, double mean, double stddev) {
        // Box-Muller on pairs of uniforms; 1 - u keeps the logarithm's argument in (0, 1].
        Uniforms u = new Uniforms(seed, 2 * type.numel());
        return filled(type, () -> mean + stddev * Math.sqrt(-2 * Math.log(1 - u.next())) * Math.cos(2 * Math.PI * u.next()));
    }

    private static HostArray filled(TensorType type, DoubleSupplier next) {
        if (!type.dtype().isFloating() && type.dtype() != DType.I32 && type.dtype() != DType.I64) {
            throw new IllegalArgumentException("cannot initialise a variable of type " + type);
        }
        double[] v = new double[Math.toIntExact(type.numel())];
        for (int i = 0; i < v.length; i++) v[i] = next.getAsDouble();
        return HostArray.fromDoubles(type.dtype(), type.shape(), v);
    }

    private static Initializer spec(String text, java.util.function.Function<TensorType, HostArray> f) {
        return new Initializer() {
            @Override public HostArray initialValue(TensorType type) { return f.apply(type); }
            @Override public String spec() { return text; }
            @Override public String toString() { return text; }
        };
    }

    /** Uniform doubles in [0, 1) from Threefry bits of a seed: 24 random bits each, exact in F32. */
    private static final class Uniforms {
        private final int[] bits;
        private int next;

        Uniforms(long seed, long count) { this.bits = Threefry.randomBits(Threefry.seedKey(seed), Math.toIntExact(count)); }

        double next() { return (bits[next++] >>> 8) * 0x1.0p-24; }
    }
}
