package dev.triad.spi.random;

/**
 * The Threefry-2x32 generator (20 rounds; Salmon et al., "Parallel random numbers: as easy as
 * 1, 2, 3", SC 2011) with JAX's classic, non-partitionable conventions, so a key gives the
 * same bits here as {@code jax.random} with the {@code threefry2x32} implementation.
 *
 * <p>A key is two 32-bit words. {@link #seedKey} makes one from a seed as
 * {@code jax.random.PRNGKey} does. The random bits of a tensor of {@code n} elements hash the
 * counters {@code 0 .. n-1} (with one {@code 0} appended when {@code n} is odd): the first half
 * of the counters is paired with the second half, each pair is hashed, and the outputs are
 * the first words of every pair followed by the second words, truncated to {@code n}. Backends
 * call {@link #randomBits(int, int, long, long, long, BitsSink)} over a range of pairs so the
 * work can be split across threads; every split gives the same bits.
 */
public final class Threefry {
    private Threefry() {}

    /** The Threefish key-schedule parity constant. */
    private static final int PARITY = 0x1BD11BDA;

    /** Receives one element of generated bits. */
    @FunctionalInterface
    public interface BitsSink {
        /** Stores {@code bits} as element {@code index} (row-major) of the result. */
        void set(long index, int bits);
    }

    /**
     * One Threefry-2x32 block: the 20-round hash of counter {@code (c0, c1)} under key
     * {@code (k0, k1)}, packed as {@code x0} in the low and {@code x1} in the high 32 bits so the
     * hot path allocates nothing.
     */
    public static long hash(int k0, int k1, int c0, int c1) {
        int k2 = k0 ^ k1 ^ PARITY;
        int x0 = c0 + k0;
        int x1 = c1 + k1;
        // Five groups of four rounds; rotations alternate between the two sets of the paper,
        // and after each group the key schedule is injected with the group number.
        x0 += x1; x1 = Integer.rotateLeft(x1, 13) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 15) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 26) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 6) ^ x0;
        x0 += k1; x1 += k2 + 1;

        x0 += x1; x1 = Integer.rotateLeft(x1, 17) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 29) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 16) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 24) ^ x0;
        x0 += k2; x1 += k0 + 2;

        x0 += x1; x1 = Integer.rotateLeft(x1, 13) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 15) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 26) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 6) ^ x0;
        x0 += k0; x1 += k1 + 3;

        x0 += x1; x1 = Integer.rotateLeft(x1, 17) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 29) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 16) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 24) ^ x0;
        x0 += k1; x1 += k2 + 4;

        x0 += x1; x1 = Integer.rotateLeft(x1, 13) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 15) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 26) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 6) ^ x0;
        x0 += k2; x1 += k0 + 5;
        return (x0 & 0xFFFF_FFFFL) | ((long) x1 << 32);
    }

    /** One block as words: {@code key} and {@code counter} are two words each; returns {@code {x0, x1}}. */
    public static int[] block(int[] key, int[] counter) {
        checkPair("key", key);
        checkPair("counter", counter);
        long h = hash(key[0], key[1], counter[0], counter[1]);
        return new int[] {(int) h, (int) (h >>> 32)};
    }

    /** The key {@code jax.random.PRNGKey(seed)} gives: {@code {high word, low word}}. */
    public static int[] seedKey(long seed) {
        return new int[] {(int) (seed >>> 32), (int) seed};
    }

    /** How many counter pairs the bits of {@code n} elements hash: {@code ceil(n / 2)}. */
    public static long pairCount(long n) {
        return (n + 1) / 2;
    }

    /**
     * Generates the elements of an {@code n}-element result that come from counter pairs
     * {@code [fromPair, toPair)} (see the class comment for the layout) and hands each to
     * {@code sink}. Pair {@code i} hashes counters {@code (i, h + i)}, {@code h = pairCount(n)},
     * the second being 0 where it would be {@code n} (the padding of an odd count), and yields
     * elements {@code i} and {@code h + i}.
     */
    public static void randomBits(int k0, int k1, long n, long fromPair, long toPair, BitsSink sink) {
        long h = pairCount(n);
        if (fromPair < 0 || toPair > h || fromPair > toPair) {
            throw new IllegalArgumentException("pair range [" + fromPair + ", " + toPair + ") is outside [0, " + h + ") for " + n + " elements");
        }
        for (long i = fromPair; i < toPair; i++) {
            long second = h + i;
            // Counters are 32-bit words: JAX hashes iota(n) as uint32, so they wrap past 2^32.
            int c1 = second < n ? (int) second : 0;
            long bits = hash(k0, k1, (int) i, c1);
            sink.set(i, (int) bits);
            if (second < n) sink.set(second, (int) (bits >>> 32));
        }
    }

    /** The raw random bits of {@code n} elements under {@code key}, as {@code jax.random.bits} gives them. */
    public static int[] randomBits(int[] key, int n) {
        checkPair("key", key);
        if (n < 0) throw new IllegalArgumentException("negative element count " + n);
        int[] out = new int[n];
        randomBits(key[0], key[1], n, 0, pairCount(n), (i, v) -> out[(int) i] = v);
        return out;
    }

    /**
     * {@code n} new keys derived from {@code key}, as {@code jax.random.split(key, n)} gives them:
     * the random bits of shape {@code [n, 2]}, one key per row.
     */
    public static int[][] split(int[] key, int n) {
        if (n < 0) throw new IllegalArgumentException("negative key count " + n);
        int[] bits = randomBits(key, Math.multiplyExact(n, 2));
        int[][] keys = new int[n][];
        for (int i = 0; i < n; i++) keys[i] = new int[] {bits[2 * i], bits[2 * i + 1]};
        return keys;
    }

    private static void checkPair(String what, int[] words) {
        if (words == null || words.length != 2) {
            throw new IllegalArgumentException(what + " must be two 32-bit words, got "
                    + (words == null ? "null" : words.length + " word(s)"));
        }
    }
}
