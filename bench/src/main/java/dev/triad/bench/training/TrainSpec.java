package dev.triad.bench.training;

import dev.triad.bench.HostData;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training benchmark's fixed inputs: network, batch size, optimizer, initial weights and one
 * synthetic batch. Synthetic data keeps the benchmark offline and identical on every backend;
 * a step's cost does not depend on what the pixels show.
 *
 * @param model {@code mlp} or {@code cnn}
 * @param batch examples per step
 * @param adam Adam when true, plain SGD when false
 * @param lr the learning rate
 */
public record TrainSpec(String model, int batch, boolean adam, double lr) {
    /** The MLP 784-256-10 at batch 128 with SGD. */
    public static final TrainSpec MLP = new TrainSpec("mlp", 128, false, 0.05);
    /** The MNIST CNN at batch 32 with Adam. */
    public static final TrainSpec CNN = new TrainSpec("cnn", 32, true, 1e-3);

    /** The spec of {@code mlp} or {@code cnn}. */
    public static TrainSpec of(String model) {
        return switch (model) {
            case "mlp" -> MLP;
            case "cnn" -> CNN;
            default -> throw new IllegalArgumentException("unknown model '" + model + "'; expected mlp or cnn");
        };
    }

    /** True for the CNN. */
    public boolean isCnn() { return model.equals("cnn"); }

    /** The optimizer, in words. */
    public String optimizer() { return (adam ? "Adam" : "SGD") + " lr " + lr; }

    /**
     * Initial weights by PyTorch parameter name, in PyTorch layouts ({@code [out, in]},
     * OIHW), uniform in {@code +-1/sqrt(fan_in)} as PyTorch initialises.
     */
    public Map<String, float[]> initialWeights() {
        Map<String, float[]> w = new LinkedHashMap<>();
        long seed = 100;
        for (Map.Entry<String, long[]> e : shapes().entrySet()) {
            long[] d = e.getValue();
            long fanIn = d.length == 1 ? fanInOfBias(e.getKey()) : HostData.numel(d) / d[0];
            double bound = 1 / Math.sqrt(fanIn);
            w.put(e.getKey(), HostData.uniform(seed++, HostData.numel(d), -bound, bound));
        }
        return w;
    }

    private long fanInOfBias(String name) {
        long[] weight = shapes().get(name.replace(".bias", ".weight"));
        return HostData.numel(weight) / weight[0];
    }

    /** Parameter shapes by name, in order. */
    public Map<String, long[]> shapes() {
        Map<String, long[]> s = new LinkedHashMap<>();
        if (isCnn()) {
            s.put("conv1.weight", new long[] {32, 1, 3, 3});
            s.put("conv1.bias", new long[] {32});
            s.put("fc1.weight", new long[] {128, 32 * 14 * 14});
            s.put("fc1.bias", new long[] {128});
            s.put("fc2.weight", new long[] {10, 128});
            s.put("fc2.bias", new long[] {10});
        } else {
            s.put("fc1.weight", new long[] {256, 28 * 28});
            s.put("fc1.bias", new long[] {256});
            s.put("fc2.weight", new long[] {10, 256});
            s.put("fc2.bias", new long[] {10});
        }
        return s;
    }

    /** The weights as F32 host arrays. */
    public Map<String, HostArray> initialWeightArrays() {
        Map<String, HostArray> out = new LinkedHashMap<>();
        Map<String, long[]> shapes = shapes();
        for (Map.Entry<String, float[]> e : initialWeights().entrySet()) {
            out.put(e.getKey(), HostData.f32(Shape.of(shapes.get(e.getKey())), e.getValue()));
        }
        return out;
    }

    /** The batch's images {@code [batch, 1, 28, 28]}, roughly in normalised-MNIST range. */
    public float[] images() { return HostData.uniform(7, batch * 28 * 28, -0.5, 1.5); }

    /** The batch's labels in {@code [0, 10)}. */
    public long[] labels() { return HostData.labels(8, batch, 10); }

    /** The images as a host array. */
    public HostArray imageArray() { return HostData.f32(Shape.of(batch, 1, 28, 28), images()); }

    /** The labels as an I64 host array. */
    public HostArray labelArray() { return HostArray.fromLongs(DType.I64, Shape.of(batch), labels()); }
}
