package dev.triad.bench.training;

import dev.triad.spi.ops.Ops;
import dev.triad.spi.types.Shape;

import java.util.Map;

/**
 * The two networks written once against the shared op algebra, so the graph front-end (whose
 * builder is an {@code Ops<Output>}) and the functional front-end ({@code lax.ops()}, what its
 * {@code nn} functions call) run the very same definition. The eager front-end uses its own
 * modules ({@code MnistModels}) with the same parameter names and layouts.
 */
public final class Networks {
    private Networks() {}

    /** Mean cross-entropy of the network's logits for {@code x} against {@code labels}. */
    public static <T> T loss(Ops<T> o, TrainSpec spec, Map<String, T> p, T x, T labels) {
        return o.crossEntropy(logits(o, spec, p, x), labels, 0.0);
    }

    /** Logits {@code [N, 10]} of images {@code x [N, 1, 28, 28]}. */
    public static <T> T logits(Ops<T> o, TrainSpec spec, Map<String, T> p, T x) {
        long n = o.shape(x).dim(0);
        T h;
        if (spec.isCnn()) {
            int[] one = {1, 1};
            T c = o.conv(x, p.get("conv1.weight"), one, one, one, one, one, 1);
            c = o.relu(o.add(c, o.reshape(p.get("conv1.bias"), Shape.of(1, 32, 1, 1))));
            T pooled = o.reduceWindowMax(c, new int[] {1, 1, 2, 2}, new int[] {1, 1, 2, 2}, new int[4], new int[4]);
            h = o.relu(o.linear(o.reshape(pooled, Shape.of(n, 32 * 14 * 14)), p.get("fc1.weight"), p.get("fc1.bias")));
        } else {
            h = o.relu(o.linear(o.reshape(x, Shape.of(n, 28 * 28)), p.get("fc1.weight"), p.get("fc1.bias")));
        }
        return o.linear(h, p.get("fc2.weight"), p.get("fc2.bias"));
    }
}
