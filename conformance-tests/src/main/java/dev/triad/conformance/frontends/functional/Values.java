package dev.triad.conformance.frontends.functional;

import dev.triad.conformance.reference.RefArray;
import dev.triad.functional.Array;
import dev.triad.functional.np;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Moving values between the reference's {@link RefArray}s and the front-end's {@link Array}s. */
final class Values {
    private Values() {}

    /** {@code x} as an array on the current backend. */
    static Array array(RefArray x) {
        HostArray h = x.isIntegral() ? HostArray.fromLongs(x.dtype(), x.shape(), x.toLongs()) : HostArray.fromDoubles(x.dtype(), x.shape(), x.toDoubles());
        return np.asarray(h);
    }

    /** Each of {@code xs} as an array. */
    static List<Array> arrays(List<RefArray> xs) {
        List<Array> out = new ArrayList<>(xs.size());
        for (RefArray x : xs) out.add(array(x));
        return out;
    }

    /** {@code a}'s values, exactly. */
    static RefArray ref(Array a) {
        HostArray h = a.toHost();
        return h.dtype().isFloating() ? RefArray.of(h.dtype(), h.shape(), h.toDoubles()) : RefArray.ofLongs(h.dtype(), h.shape(), h.toLongs());
    }

    /** A random F64 direction of {@code shape} with entries in [-1, 1). */
    static RefArray direction(Shape shape, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[Math.toIntExact(shape.numel())];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble(-1, 1);
        return RefArray.of(DType.F64, shape, v);
    }

    /** {@code x + c u}. */
    static RefArray axpy(RefArray x, double c, RefArray u) {
        double[] v = new double[x.size()];
        for (int i = 0; i < v.length; i++) v[i] = x.get(i) + c * u.get(i);
        return RefArray.of(x.dtype(), x.shape(), v);
    }

    /** The inner product of two arrays of one size. */
    static double dot(RefArray a, RefArray b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += a.get(i) * b.get(i);
        return s;
    }

    /** The inner product of the absolute values (the scale of {@link #dot}'s rounding). */
    static double absDot(RefArray a, RefArray b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += Math.abs(a.get(i) * b.get(i));
        return s;
    }

    /** The largest absolute value. */
    static double maxAbs(RefArray a) {
        double m = 0;
        for (int i = 0; i < a.size(); i++) m = Math.max(m, Math.abs(a.get(i)));
        return m;
    }
}
