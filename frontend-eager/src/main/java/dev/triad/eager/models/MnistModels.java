package dev.triad.eager.models;

import dev.triad.eager.nn.Conv2d;
import dev.triad.eager.nn.Flatten;
import dev.triad.eager.nn.Linear;
import dev.triad.eager.nn.MaxPool2d;
import dev.triad.eager.nn.ReLU;
import dev.triad.eager.nn.Sequential;

import java.util.Locale;

/**
 * The two networks for 28x28 grey images in 10 classes (MNIST, Fashion-MNIST). Inputs are F32
 * {@code [N, 1, 28, 28]}, outputs are logits {@code [N, 10]}. Weights are initialised from
 * {@code Triad.defaultGenerator()}, so {@code Triad.manualSeed} makes them reproducible.
 */
public final class MnistModels {
    private MnistModels() {}

    /** Which network. */
    public enum Kind {
        /** Convolution 3x3, 32 channels, SAME padding; ReLU; 2x2 max-pool; dense 128; ReLU; dense 10. */
        CNN("cnn", "conv 3x3x32 SAME, ReLU, max-pool 2, dense 128, ReLU, dense 10"),
        /** Dense 784-256-10 with ReLU. */
        MLP("mlp", "dense 784-256-10, ReLU");

        private final String id;
        private final String description;

        Kind(String id, String description) {
            this.id = id;
            this.description = description;
        }

        /** The command-line name. */
        public String id() { return id; }

        /** The layers, in words. */
        public String description() { return description; }

        /** Parses {@link #id()} (case-insensitive). */
        public static Kind parse(String text) {
            for (Kind k : values()) if (k.id.equals(text.trim().toLowerCase(Locale.ROOT))) return k;
            throw new IllegalArgumentException("unknown model '" + text + "'; expected cnn or mlp");
        }
    }

    /** A fresh network of the given kind. */
    public static Sequential build(Kind kind) {
        return switch (kind) {
            case CNN -> cnn();
            case MLP -> mlp();
        };
    }

    /** The CNN: 1x28x28 -> 32x28x28 -> 32x14x14 -> 6272 -> 128 -> 10. */
    public static Sequential cnn() {
        return new Sequential()
                .add("conv1", new Conv2d(1, 32, 3, 1, 1)) // padding 1 keeps 28x28: SAME for a 3x3 kernel
                .add("relu1", new ReLU())
                .add("pool1", new MaxPool2d(2))
                .add("flatten", new Flatten())
                .add("fc1", new Linear(32 * 14 * 14, 128))
                .add("relu2", new ReLU())
                .add("fc2", new Linear(128, 10));
    }

    /** The MLP: 784 -> 256 -> 10. */
    public static Sequential mlp() {
        return new Sequential()
                .add("flatten", new Flatten())
                .add("fc1", new Linear(28 * 28, 256))
                .add("relu1", new ReLU())
                .add("fc2", new Linear(256, 10));
    }
}
