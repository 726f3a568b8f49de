package dev.triad.backend.cpu.onednn;

import java.util.Arrays;

/**
 * What a cached primitive was created for: the op kind and every number that shaped it
 * (dims, element strides, strides/padding/dilation attributes), as one flat array compared by
 * value. Data addresses are not part of it: they are bound at each execution.
 */
final class PrimitiveKey {
    private final long[] signature;
    private final int hash;

    private PrimitiveKey(long[] signature) {
        this.signature = signature;
        this.hash = Arrays.hashCode(signature);
    }

    /** A key builder for {@code kind}. */
    static Builder of(int kind) { return new Builder(kind); }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrimitiveKey k && k.hash == hash && Arrays.equals(k.signature, signature);
    }

    @Override
    public int hashCode() { return hash; }

    @Override
    public String toString() { return Arrays.toString(signature); }

    /** Appends numbers to a signature. */
    static final class Builder {
        private long[] v = new long[32];
        private int n;

        private Builder(int kind) { add(kind); }

        Builder add(long x) {
            if (n == v.length) v = Arrays.copyOf(v, n * 2);
            v[n++] = x;
            return this;
        }

        Builder add(long[] xs) {
            add(xs.length);
            for (long x : xs) add(x);
            return this;
        }

        Builder add(int[] xs) {
            add(xs.length);
            for (int x : xs) add(x);
            return this;
        }

        PrimitiveKey build() { return new PrimitiveKey(Arrays.copyOf(v, n)); }
    }
}
