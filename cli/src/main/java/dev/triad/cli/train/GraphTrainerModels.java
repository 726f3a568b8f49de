package dev.triad.cli.train;

import dev.triad.eager.models.MnistModels;
import dev.triad.graph.keras.Activation;
import dev.triad.graph.keras.Conv2D;
import dev.triad.graph.keras.Dense;
import dev.triad.graph.keras.Flatten;
import dev.triad.graph.keras.MaxPooling2D;
import dev.triad.graph.keras.Sequential;
import dev.triad.spi.types.DType;

/**
 * The MNIST networks of {@link MnistModels} as graph front-end {@link Sequential} models: the
 * same layers and shapes (inputs {@code [N, 1, 28, 28]}, logits {@code [N, 10]}), initialised
 * the Keras way (Glorot-uniform kernels, zero biases) from the run's seed.
 */
final class GraphTrainerModels {
    private GraphTrainerModels() {}

    /** A fresh model of {@code kind} seeded with {@code seed}. */
    static Sequential build(MnistModels.Kind kind, long seed) {
        Sequential m = new Sequential(DType.F32, 1, 28, 28).seed(seed);
        return switch (kind) {
            case CNN -> m.add(new Conv2D(32, 3, 1, Conv2D.Padding.SAME, Activation.RELU))
                    .add(new MaxPooling2D(2))
                    .add(new Flatten())
                    .add(new Dense(128, Activation.RELU))
                    .add(new Dense(10));
            case MLP -> m.add(new Flatten())
                    .add(new Dense(256, Activation.RELU))
                    .add(new Dense(10));
        };
    }
}
