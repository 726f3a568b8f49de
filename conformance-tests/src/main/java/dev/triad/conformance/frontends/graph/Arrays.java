package dev.triad.conformance.frontends.graph;

import dev.triad.conformance.reference.RefArray;
import dev.triad.spi.backend.HostArray;

import java.util.SplittableRandom;

/** Conversions between the reference's arrays and host arrays, and random directions. */
final class Arrays {
    private Arrays() {}

    /** The same values as a host array (exact for every dtype). */
    static HostArray toHost(RefArray x) {
        return x.isIntegral() ? HostArray.fromLongs(x.dtype(), x.shape(), x.toLongs()) : HostArray.fromDoubles(x.dtype(), x.shape(), x.toDoubles());
    }

    /** The same values as a reference array. */
    static RefArray fromHost(HostArray h) {
        return h.dtype().isFloating() ? RefArray.of(h.dtype(), h.shape(), h.toDoubles()) : RefArray.ofLongs(h.dtype(), h.shape(), h.toLongs());
    }

    /** A random F64 array of {@code like}'s shape with values in [-1, 1). */
    static RefArray direction(RefArray like, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[like.size()];
        for (int i = 0; i < v.length; i++) v[i] = 2 * r.nextDouble() - 1;
        return RefArray.of(dev.triad.spi.types.DType.F64, like.shape(), v);
    }

    /** {@code sum(a * b)} in double. */
    static double dot(RefArray a, RefArray b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += a.get(i) * b.get(i);
        return s;
    }

    /** {@code sum(|a * b|)}. */
    static double absDot(RefArray a, RefArray b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += Math.abs(a.get(i) * b.get(i));
        return s;
    }
}
