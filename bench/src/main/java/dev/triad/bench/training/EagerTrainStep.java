package dev.triad.bench.training;

import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.eager.Triad;
import dev.triad.eager.models.MnistModels;
import dev.triad.eager.nn.CrossEntropyLoss;
import dev.triad.eager.nn.Sequential;
import dev.triad.eager.optim.Adam;
import dev.triad.eager.optim.Optimizer;
import dev.triad.eager.optim.SGD;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.HostArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The eager (PyTorch-style) step: {@code zeroGrad}, forward through the {@code MnistModels}
 * network, cross-entropy, {@code backward}, {@code optimizer.step()}, all inside a scope that
 * frees the step's temporaries.
 */
public final class EagerTrainStep implements TrainStep {
    private final Backend backend;
    private final Sequential model;
    private final Optimizer optimizer;
    private final CrossEntropyLoss lossFn = new CrossEntropyLoss();
    private final Tensor x, y;

    /** Builds the network on {@code backend}, loads the spec's weights and uploads its batch. */
    public EagerTrainStep(TrainSpec spec, Backend backend) {
        this.backend = backend;
        // Modules create their parameters on the default backend: make it this one first.
        Triad.setDefaultBackend(backend);
        model = MnistModels.build(spec.isCnn() ? MnistModels.Kind.CNN : MnistModels.Kind.MLP);
        model.to(backend);
        Map<String, Tensor> state = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, HostArray> e : spec.initialWeightArrays().entrySet()) state.put(e.getKey(), Tensor.fromHost(e.getValue(), backend));
            model.loadStateDict(state);
        } finally {
            for (Tensor t : state.values()) t.close();
        }
        optimizer = spec.adam() ? new Adam(model.parameters(), spec.lr()) : new SGD(model.parameters(), spec.lr());
        x = Tensor.fromHost(spec.imageArray(), backend);
        y = Tensor.fromHost(spec.labelArray(), backend);
    }

    @Override
    public double step() {
        try (Scope _ = Scope.open()) {
            optimizer.zeroGrad();
            Tensor loss = lossFn.forward(model.forward(x), y);
            loss.backward();
            optimizer.step();
            double value = loss.item();
            backend.synchronize();
            return value;
        }
    }

    @Override
    public void close() {
        x.close();
        y.close();
        optimizer.close();
        model.close();
    }
}
