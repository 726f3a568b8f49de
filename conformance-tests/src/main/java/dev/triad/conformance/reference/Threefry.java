package dev.triad.conformance.reference;

/**
 * Threefry-2x32 with 20 rounds, written from the Random123 description independently of any
 * backend, and the JAX way of turning a key into {@code n} random words.
 */
public final class Threefry {
    private Threefry() {}

    private static final int[] ROT_EVEN = {13, 15, 26, 6};
    private static final int[] ROT_ODD = {17, 29, 16, 24};
    /** The Skein key-schedule parity constant. */
    private static final int PARITY = 0x1BD11BDA;

    /** Hashes one counter pair {@code (x0, x1)} under key {@code (k0, k1)}; returns {@code {y0, y1}}. */
    public static int[] hash(int k0, int k1, int x0, int x1) {
        int[] ks = {k0, k1, k0 ^ k1 ^ PARITY};
        x0 += ks[0];
        x1 += ks[1];
        // Five groups of four rounds; after each group the key is injected with the group number.
        for (int group = 0; group < 5; group++) {
            int[] rot = group % 2 == 0 ? ROT_EVEN : ROT_ODD;
            for (int r : rot) {
                x0 += x1;
                x1 = Integer.rotateLeft(x1, r);
                x1 ^= x0;
            }
            x0 += ks[(group + 1) % 3];
            x1 += ks[(group + 2) % 3] + group + 1;
        }
        return new int[] {x0, x1};
    }

    /**
     * {@code n} random words from {@code key}, as JAX's {@code threefry_2x32(key, iota(n))}: the
     * counters 0..n-1 (padded by one zero when n is odd) are split into a first half x0 and a
     * second half x1, each pair (x0[i], x1[i]) is hashed, and the outputs y0 then y1 are
     * concatenated and cut to n.
     */
    public static int[] randomBits(int k0, int k1, int n) {
        int padded = n + (n & 1);
        int half = padded / 2;
        int[] out = new int[padded];
        for (int i = 0; i < half; i++) {
            int x0 = i;
            int x1 = half + i < n ? half + i : 0;
            int[] y = hash(k0, k1, x0, x1);
            out[i] = y[0];
            out[half + i] = y[1];
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
