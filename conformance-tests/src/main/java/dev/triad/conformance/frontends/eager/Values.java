package dev.triad.conformance.frontends.eager;

import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.reference.ReferenceOps;
import dev.triad.eager.Tensor;
import dev.triad.eager.Tensors;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Moving values between the reference's {@link RefArray}s and eager {@link Tensor}s, and the
 * small F64 arithmetic the derivative checks share (random directions, inner products,
 * central differences of the reference).
 */
final class Values {
    private Values() {}

    /** {@code x} uploaded to {@code backend} as a new tensor (it belongs to the current scope). */
    static Tensor tensor(RefArray x, Backend backend) {
        HostArray h = x.isIntegral() ? HostArray.fromLongs(x.dtype(), x.shape(), x.toLongs()) : HostArray.fromDoubles(x.dtype(), x.shape(), x.toDoubles());
        return Tensors.fromHost(h, backend);
    }

    /** Each of {@code xs} uploaded to {@code backend}. */
    static List<Tensor> tensors(List<RefArray> xs, Backend backend) {
        List<Tensor> out = new ArrayList<>(xs.size());
        for (RefArray x : xs) out.add(tensor(x, backend));
        return out;
    }

    /** {@code t}'s logical values, exactly, whatever its layout. */
    static RefArray ref(Tensor t) {
        HostArray h = t.toHost();
        return h.dtype().isFloating() ? RefArray.of(h.dtype(), h.shape(), h.toDoubles()) : RefArray.ofLongs(h.dtype(), h.shape(), h.toLongs());
    }

    /** A random F64 array of {@code shape} with entries in [-1, 1), reproducible from {@code seed}. */
    static RefArray direction(Shape shape, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[Math.toIntExact(shape.numel())];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble(-1, 1);
        return RefArray.of(DType.F64, shape, v);
    }

    /**
     * A random F64 array of {@code shape} with magnitudes in [0.1, 1] and random signs: layer
     * inputs stay off the kinks at 0 (ReLU, absolute values) by more than any finite-difference step.
     */
    static RefArray awayFromZero(Shape shape, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[Math.toIntExact(shape.numel())];
        for (int i = 0; i < v.length; i++) v[i] = (r.nextBoolean() ? 1 : -1) * r.nextDouble(0.1, 1.0);
        return RefArray.of(DType.F64, shape, v);
    }

    /** {@code x + c u}, of {@code x}'s type. */
    static RefArray axpy(RefArray x, double c, RefArray u) {
        double[] v = new double[x.size()];
        for (int i = 0; i < v.length; i++) v[i] = x.get(i) + c * u.get(i);
        return RefArray.of(x.dtype(), x.shape(), v);
    }

    /** {@code sum(a * b)}. */
    static double dot(RefArray a, RefArray b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += a.get(i) * b.get(i);
        return s;
    }

    /** {@code sum(|a * b|)}: the scale the rounding error of {@link #dot} is relative to. */
    static double absDot(RefArray a, RefArray b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += Math.abs(a.get(i) * b.get(i));
        return s;
    }

    /** The largest absolute value (0 for an empty array). */
    static double maxAbs(RefArray a) {
        double m = 0;
        for (int i = 0; i < a.size(); i++) m = Math.max(m, Math.abs(a.get(i)));
        return m;
    }

    /**
     * {@code (f(x + eps u e_i) - f(x - eps u e_i)) / 2 eps} of {@code p} on the float64 reference:
     * independent of every backend and of the front-end under test. (The suite's own
     * {@code GradientCheck} computes the same on a target session, which the eager checks do
     * not have: they compare eager tensors with the reference, not a target with itself.)
     */
    static RefArray centralDifference(Primitive p, Attrs attrs, List<RefArray> x, int i, RefArray u, double eps) {
        List<RefArray> plus = new ArrayList<>(x), minus = new ArrayList<>(x);
        plus.set(i, axpy(x.get(i), eps, u));
        minus.set(i, axpy(x.get(i), -eps, u));
        RefArray hi = ReferenceOps.INSTANCE.apply(p, attrs, plus), lo = ReferenceOps.INSTANCE.apply(p, attrs, minus);
        double[] d = new double[hi.size()];
        for (int k = 0; k < d.length; k++) d[k] = (hi.get(k) - lo.get(k)) / (2 * eps);
        return RefArray.of(hi.dtype(), hi.shape(), d);
    }

    /** The indices of the inputs gradients flow to: those {@code p} declares differentiable and of a floating dtype. */
    static List<Integer> differentiable(Primitive p, List<RefArray> x) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) if (p.isDifferentiableInput(i) && x.get(i).dtype().isFloating()) out.add(i);
        return out;
    }
}
