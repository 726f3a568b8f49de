package dev.triad.conformance.reference;

import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

/** full, iota and random_bits. */
final class RefCreation {
    private RefCreation() {}

    static RefArray full(double value, TensorType out) {
        return RefArray.filled(out.dtype(), out.shape(), value);
    }

    static RefArray iota(int axis, TensorType out) {
        Shape s = out.shape();
        int n = Index.numel(s);
        long[] v = new long[n];
        int[] idx = new int[s.rank()];
        for (int f = 0; f < n; f++) {
            Index.unravel(f, s, idx);
            v[f] = idx[axis];
        }
        return RefArray.ofLongs(out.dtype(), s, v);
    }

    /** The raw 32-bit words of {@link Threefry#randomBits}, held by I32 (so the high bit shows as a sign). */
    static RefArray randomBits(RefArray key, TensorType out) {
        int n = Index.numel(out.shape());
        int[] bits = Threefry.randomBits((int) key.getLong(0), (int) key.getLong(1), n);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) v[i] = bits[i];
        return RefArray.adoptLongs(out.dtype(), out.shape(), v);
    }
}
