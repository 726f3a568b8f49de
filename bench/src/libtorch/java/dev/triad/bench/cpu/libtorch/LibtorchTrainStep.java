package dev.triad.bench.cpu.libtorch;

import dev.triad.bench.training.TrainSpec;
import dev.triad.bench.training.TrainStep;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The same training step in libtorch 2.10 (CPU, through the Bytedeco presets' Java API), as a
 * PyTorch user writes it: {@code zero_grad}, functional forward ({@code linear}, {@code relu},
 * {@code conv2d}, {@code max_pool2d}, {@code cross_entropy_loss}), {@code backward},
 * {@code step}, {@code item}. Same network, initial weights, batch and optimizer as
 * {@link TrainSpec}, so the losses match Triad's to float precision.
 */
public final class LibtorchTrainStep implements TrainStep {
    private final TrainSpec spec;
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Tensor x, y;
    private final Optimizer optimizer;

    /** Builds the network's parameters, the batch and the optimizer. */
    public LibtorchTrainStep(TrainSpec spec) {
        this.spec = spec;
        Map<String, long[]> shapes = spec.shapes();
        for (Map.Entry<String, float[]> e : spec.initialWeights().entrySet()) {
            params.put(e.getKey(), floats(e.getValue(), shapes.get(e.getKey())).set_requires_grad(true));
        }
        x = floats(spec.images(), new long[] {spec.batch(), 1, 28, 28});
        long[] labels = spec.labels();
        try (LongPointer p = new LongPointer(labels)) {
            y = torch.from_blob(p, new long[] {labels.length}, new TensorOptions(torch.ScalarType.Long)).clone();
        }
        TensorVector all = new TensorVector(params.values().toArray(new Tensor[0]));
        optimizer = spec.adam() ? new Adam(all, new AdamOptions(spec.lr())) : new SGD(all, new SGDOptions(spec.lr()));
    }

    private static Tensor floats(float[] v, long[] shape) {
        try (FloatPointer p = new FloatPointer(v)) {
            return torch.from_blob(p, shape, new TensorOptions(torch.ScalarType.Float)).clone();
        }
    }

    /**
     * One step. The step's temporary tensors are freed when its {@link PointerScope} closes, as a
     * C++ program frees them at the end of the block, rather than by the garbage collector.
     */
    @Override
    public double step() {
        try (PointerScope scope = new PointerScope()) {
            return stepInScope();
        }
    }

    private double stepInScope() {
        optimizer.zero_grad();
        Tensor h;
        if (spec.isCnn()) {
            Tensor c = torch.conv2d(x, params.get("conv1.weight"), new TensorOptional(params.get("conv1.bias")),
                    new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, 1).relu();
            Tensor pooled = torch.max_pool2d(c, new long[] {2, 2}, new long[] {2, 2}, new long[] {0, 0}, new long[] {1, 1}, false);
            h = torch.linear(pooled.reshape(spec.batch(), 32 * 14 * 14), params.get("fc1.weight"), new TensorOptional(params.get("fc1.bias"))).relu();
        } else {
            h = torch.linear(x.reshape(spec.batch(), 28 * 28), params.get("fc1.weight"), new TensorOptional(params.get("fc1.bias"))).relu();
        }
        Tensor logits = torch.linear(h, params.get("fc2.weight"), new TensorOptional(params.get("fc2.bias")));
        Tensor loss = torch.cross_entropy_loss(logits, y);
        loss.backward();
        optimizer.step();
        return loss.item_float();
    }

    @Override
    public void close() {
        optimizer.close();
        x.close();
        y.close();
        for (Tensor t : params.values()) t.close();
    }
}
