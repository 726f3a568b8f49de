package dev.triad.eager.models;

import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.eager.Tensors;
import dev.triad.eager.Triad;
import dev.triad.eager.nn.Sequential;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MnistModelsTest {
    private static long count(Sequential m) {
        long n = 0;
        for (Tensor p : m.parameters()) n += p.numel();
        return n;
    }

    @Test
    void theCnnHasTheSpecifiedLayers() {
        try (Sequential m = MnistModels.cnn(); Scope s = Scope.open()) {
            // conv 1->32 3x3 (320) + dense 6272->128 (802,944) + dense 128->10 (1,290)
            assertEquals(804_554, count(m));
            assertEquals(List.of("conv1.weight", "conv1.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"), List.copyOf(m.stateDict().keySet()));
            assertEquals(Shape.of(32, 1, 3, 3), m.stateDict().get("conv1.weight").shape());
            Tensor out = m.forward(Tensors.zeros(DType.F32, 2, 1, 28, 28));
            assertEquals(Shape.of(2, 10), out.shape());
        }
    }

    @Test
    void theMlpIs784To256To10() {
        try (Sequential m = MnistModels.mlp(); Scope s = Scope.open()) {
            assertEquals(784 * 256 + 256 + 256 * 10 + 10, count(m));
            assertEquals(Shape.of(3, 10), m.forward(Tensors.zeros(DType.F32, 3, 1, 28, 28)).shape());
        }
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        Triad.manualSeed(7);
        float[] a, b;
        try (Sequential m = MnistModels.build(MnistModels.Kind.MLP)) {
            a = m.stateDict().get("fc1.weight").toFloatArray();
        }
        Triad.manualSeed(7);
        try (Sequential m = MnistModels.build(MnistModels.Kind.MLP)) {
            b = m.stateDict().get("fc1.weight").toFloatArray();
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
    }

    @Test
    void kindsParse() {
        assertEquals(MnistModels.Kind.CNN, MnistModels.Kind.parse("CNN"));
        assertEquals(MnistModels.Kind.MLP, MnistModels.Kind.parse(" mlp "));
        assertThrows(IllegalArgumentException.class, () -> MnistModels.Kind.parse("vit"));
    }
}
