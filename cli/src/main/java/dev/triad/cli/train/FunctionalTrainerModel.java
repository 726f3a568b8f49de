package dev.triad.cli.train;

import dev.triad.eager.models.MnistModels;
import dev.triad.functional.Array;
import dev.triad.functional.Key;
import dev.triad.functional.nn;
import dev.triad.functional.np;
import dev.triad.functional.random;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MNIST networks of {@link MnistModels} written as pure functions of a parameter pytree for
 * the functional front-end: a map from the eager model's parameter names ({@code fc1.weight},
 * ...) to arrays, in the same layouts ({@code [out, in]} weights, OIHW kernels), so weights can
 * move between the two front-ends by name.
 */
public final class FunctionalTrainerModel {
    private FunctionalTrainerModel() {}

    /**
     * Fresh parameters with PyTorch's default initialisation: weights and biases uniform in
     * {@code +-1/sqrt(fan_in)}, drawn from {@code key}.
     */
    public static Map<String, Array> init(MnistModels.Kind kind, Key key) {
        Map<String, Array> p = new LinkedHashMap<>();
        List<Key> keys = random.split(key, 6);
        switch (kind) {
            case CNN -> {
                layer(p, "conv1", Shape.of(32, 1, 3, 3), 9, keys.get(0), keys.get(1));
                layer(p, "fc1", Shape.of(128, 32 * 14 * 14), 32 * 14 * 14, keys.get(2), keys.get(3));
                layer(p, "fc2", Shape.of(10, 128), 128, keys.get(4), keys.get(5));
            }
            case MLP -> {
                layer(p, "fc1", Shape.of(256, 28 * 28), 28 * 28, keys.get(0), keys.get(1));
                layer(p, "fc2", Shape.of(10, 256), 256, keys.get(2), keys.get(3));
            }
        }
        return p;
    }

    private static void layer(Map<String, Array> p, String name, Shape weight, long fanIn, Key wk, Key bk) {
        double bound = 1 / Math.sqrt(fanIn);
        p.put(name + ".weight", random.uniform(wk, weight, DType.F32, -bound, bound));
        p.put(name + ".bias", random.uniform(bk, Shape.of(weight.dim(0)), DType.F32, -bound, bound));
    }

    /** The logits {@code [N, 10]} of images {@code x [N, 1, 28, 28]}. */
    public static Array forward(MnistModels.Kind kind, Map<String, Array> p, Array x) {
        long n = x.shape().dim(0);
        return switch (kind) {
            case CNN -> {
                Array c = nn.conv(x, p.get("conv1.weight"), new int[] {1, 1}, new int[] {1, 1});
                c = nn.relu(np.add(c, np.reshape(p.get("conv1.bias"), 1, 32, 1, 1)));
                Array pooled = nn.maxPool(c, new int[] {2, 2}, new int[] {2, 2});
                Array h = nn.relu(nn.linear(np.reshape(pooled, n, 32 * 14 * 14), p.get("fc1.weight"), p.get("fc1.bias")));
                yield nn.linear(h, p.get("fc2.weight"), p.get("fc2.bias"));
            }
            case MLP -> {
                Array h = nn.relu(nn.linear(np.reshape(x, n, 28 * 28), p.get("fc1.weight"), p.get("fc1.bias")));
                yield nn.linear(h, p.get("fc2.weight"), p.get("fc2.bias"));
            }
        };
    }

    /** Mean cross-entropy and the number of correct predictions (I64) of a batch. */
    public static List<Array> lossAndCorrect(MnistModels.Kind kind, Map<String, Array> p, Array x, Array labels) {
        Array logits = forward(kind, p, x);
        Array loss = nn.crossEntropy(logits, labels);
        Array correct = np.sum(np.astype(np.equal(np.argmax(logits, 1), np.astype(labels, DType.I64)), DType.I64));
        return List.of(loss, correct);
    }

    /** Number of parameters. */
    public static long count(Map<String, Array> p) {
        long n = 0;
        for (Array a : p.values()) n += a.size();
        return n;
    }
}
