package dev.triad.conformance.check;

import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.target.Layout;
import dev.triad.conformance.target.Session;
import dev.triad.conformance.target.Target;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/** Small steps the checks share: declared support, uploading, applying and reading back. */
final class CaseRunner {
    private CaseRunner() {}

    /**
     * Why {@code target} does not run {@code p} on these inputs, or null when it does. Mirrors
     * {@link dev.triad.spi.backend.Dispatch}: composites without a fused kernel run as their
     * decomposition (whose own primitives report unsupported when they are), and the dtype
     * asked about is the first input's, or the result's for ops without inputs.
     */
    static String unsupported(Target<?> target, Primitive p, List<RefArray> inputs, TensorType result) {
        if (p.isComposite() && !target.hasFusedKernel(p)) return null;
        DType t = inputs.isEmpty() ? result.dtype() : inputs.get(0).dtype();
        Support s = target.supports(p, t);
        // Worded like Dispatch's UnsupportedOpException, so that a report sees one reason whichever of the two found it.
        return s.supported() ? null : p.name() + ": backend '" + target.name() + "' does not support it for " + t + ": " + s.reason();
    }

    /** The result type the shape rule gives. */
    static TensorType resultType(Primitive p, Attrs attrs, List<RefArray> inputs) {
        List<TensorType> types = new ArrayList<>();
        for (RefArray x : inputs) types.add(x.type());
        return p.inferType(types, attrs);
    }

    /** Uploads every input with {@code layout} (inputs it cannot apply to stay contiguous). */
    static <T> List<T> upload(Session<T> s, List<RefArray> inputs, Layout layout) {
        List<T> out = new ArrayList<>(inputs.size());
        for (RefArray x : inputs) out.add(s.upload(x, layout));
        return out;
    }

    /** Applies {@code p} on the target and reads the result back. */
    static <T> RefArray run(Session<T> s, Primitive p, Attrs attrs, List<RefArray> inputs, Layout layout) {
        List<T> in = upload(s, inputs, layout);
        return s.download(s.ops().apply(p, attrs, in));
    }

    /** {@code sum(a * b)} over all elements, in double. */
    static double dot(RefArray a, RefArray b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += a.get(i) * b.get(i);
        return s;
    }

    /** {@code sum(|a * b|)}: the scale an inner product's rounding error is relative to. */
    static double absDot(RefArray a, RefArray b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += Math.abs(a.get(i) * b.get(i));
        return s;
    }

    /** {@code x + c * u} in F64 (u has x's shape). */
    static RefArray axpy(RefArray x, double c, RefArray u) {
        double[] v = x.toDoubles();
        for (int i = 0; i < v.length; i++) v[i] += c * u.get(i);
        return RefArray.of(x.dtype(), x.shape(), v);
    }

    /** A random direction of {@code x}'s type with entries in [-1, 1]. */
    static RefArray direction(RefArray x, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] v = new double[x.size()];
        for (int i = 0; i < v.length; i++) v[i] = 2 * r.nextDouble() - 1;
        return RefArray.of(x.dtype(), x.shape(), v);
    }
}
