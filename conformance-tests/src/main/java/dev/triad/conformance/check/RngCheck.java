package dev.triad.conformance.check;

import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.reference.Threefry;
import dev.triad.conformance.spec.Tolerance;
import dev.triad.conformance.target.Layout;
import dev.triad.conformance.target.Session;
import dev.triad.conformance.target.Target;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.Arrays;
import java.util.List;

/**
 * Counter-based random numbers: {@code random_bits} on the target is bit-exact with the
 * reference's independent Threefry-2x32, reproduces published known answers, and splitting
 * keys (JAX's split: {@code random_bits(key, [n, 2])}, one key per row) is deterministic and
 * gives distinct streams.
 */
public final class RngCheck {
    private RngCheck() {}

    /** The check's name. */
    public static final String NAME = "rng (threefry, split)";

    /** Random123's known answer: key (0, 0), counter (0, 0) hashes to these words. */
    static final int[] KAT_ZERO = {0x6b200159, 0x99ba4efe};

    /** JAX: {@code jax.random.split(PRNGKey(0))} as unsigned words. */
    static final long[] JAX_SPLIT_OF_ZERO = {4146024105L, 967050713L, 2718843009L, 1272950319L};

    /** Runs the check on {@code target}. */
    public static <T> CheckResult run(Target<T> target) {
        CaseLog log = new CaseLog(target.name(), Prims.RANDOM_BITS.name(), NAME);
        String why = CaseRunner.unsupported(target, Prims.RANDOM_BITS, List.of(key(0, 0)), null);
        if (why != null) {
            log.unsupported("random_bits", why);
            return log.result();
        }
        try (Session<T> s = target.open()) {
            Ops<T> ops = s.ops();
            // Known answers. One word from key (0,0): its counters are (0, 0-padding), so it is y0 of the KAT pair.
            RefArray one = s.download(ops.randomBits(s.upload(key(0, 0)), Shape.of(1)));
            log.compared("key (0,0), counter (0,0) -> 0x6b200159 (Random123 known answer)", Comparison.of(one,
                    RefArray.ofLongs(DType.I32, Shape.of(1), KAT_ZERO[0]), Tolerance.EXACT));
            int[] pair = Threefry.hash(0, 0, 0, 0);
            if (pair[0] != KAT_ZERO[0] || pair[1] != KAT_ZERO[1]) {
                log.failed("reference Threefry known answer", "got " + Integer.toHexString(pair[0]) + ", " + Integer.toHexString(pair[1]));
            } else {
                log.passed("reference Threefry known answer (0x6b200159, 0x99ba4efe)");
            }
            RefArray split = s.download(ops.randomBits(s.upload(key(0, 0)), Shape.of(2, 2)));
            log.compared("split(key(0,0)) equals JAX's split(PRNGKey(0))", Comparison.of(split,
                    RefArray.ofLongs(DType.I32, Shape.of(2, 2), JAX_SPLIT_OF_ZERO), Tolerance.EXACT));
            // Against the reference, for odd and even counts and keys with high bits set.
            int[][] keys = {{0, 0}, {42, 7}, {-1, 0x7fffffff}, {0x1BD11BDA, -123456}};
            int[] sizes = {1, 2, 7, 64, 1001};
            for (int[] k : keys) {
                for (int n : sizes) {
                    RefArray got = s.download(ops.randomBits(s.upload(key(k[0], k[1])), Shape.of(n)));
                    int[] want = Threefry.randomBits(k[0], k[1], n);
                    long[] w = new long[n];
                    for (int i = 0; i < n; i++) w[i] = want[i];
                    log.compared("key " + Arrays.toString(k) + ", " + n + " words", Comparison.of(got, RefArray.ofLongs(DType.I32, Shape.of(n), w), Tolerance.EXACT));
                }
            }
            // Splitting: deterministic, children distinct from each other and from the parent's own stream.
            T parent = s.upload(key(42, 7), Layout.CONTIGUOUS);
            RefArray children1 = s.download(ops.randomBits(parent, Shape.of(3, 2)));
            RefArray children2 = s.download(ops.randomBits(parent, Shape.of(3, 2)));
            log.compared("split is deterministic", Comparison.of(children2, children1, Tolerance.EXACT));
            RefArray[] streams = new RefArray[3];
            for (int c = 0; c < 3; c++) {
                RefArray child = RefArray.ofLongs(DType.I32, Shape.of(2), children1.getLong(2 * c), children1.getLong(2 * c + 1));
                streams[c] = s.download(ops.randomBits(s.upload(child), Shape.of(8)));
                RefArray again = s.download(ops.randomBits(s.upload(child), Shape.of(8)));
                log.compared("child " + c + " stream is deterministic", Comparison.of(again, streams[c], Tolerance.EXACT));
            }
            RefArray parentStream = s.download(ops.randomBits(parent, Shape.of(8)));
            for (int a = 0; a < 3; a++) {
                for (int b = a + 1; b < 3; b++) {
                    if (Arrays.equals(streams[a].toLongs(), streams[b].toLongs())) log.failed("children " + a + " and " + b + " differ", "identical streams");
                    else log.passed("children differ");
                }
                if (Arrays.equals(streams[a].toLongs(), parentStream.toLongs())) log.failed("child " + a + " differs from the parent", "identical streams");
                else log.passed("child differs from parent");
            }
        } catch (Throwable e) {
            log.threw("rng", e);
        }
        return log.result();
    }

    static RefArray key(long k0, long k1) { return RefArray.ofLongs(DType.I32, Shape.of(2), k0, k1); }
}
