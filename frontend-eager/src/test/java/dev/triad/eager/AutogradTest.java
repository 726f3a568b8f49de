package dev.triad.eager;

import dev.triad.spi.error.TriadException;
import dev.triad.spi.types.DType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.triad.eager.GradCheck.check;
import static dev.triad.eager.GradCheck.leaf;
import static org.junit.jupiter.api.Assertions.*;

class AutogradTest {
    @Test
    void elementwiseWithBroadcasting() {
        Tensor a = leaf(1, 2, 3), b = leaf(2, 3);
        check(in -> in.get(0).mul(in.get(1)).add(in.get(0).div(in.get(1).add(3))), List.of(a, b));
        check(in -> in.get(0).exp().add(in.get(1).tanh()).sub(in.get(0).sin().mul(in.get(0).cos())), List.of(a, b));
        check(in -> in.get(0).add(2).log().add(in.get(0).add(2).sqrt()).add(in.get(0).sigmoid()), List.of(a));
        check(in -> in.get(0).add(2).pow(in.get(1).add(1.5)), List.of(a, b));
        check(in -> in.get(0).maximum(in.get(1)).add(in.get(0).square()), List.of(a, b));
    }

    @Test
    void matmulAndReductions() {
        Tensor a = leaf(3, 2, 3, 4), b = leaf(4, 4, 5), v = leaf(5, 4);
        check(in -> in.get(0).matmul(in.get(1)), List.of(a, b));
        check(in -> in.get(0).matmul(in.get(1)), List.of(a, v));
        check(in -> in.get(0).sum(new int[] {0, 2}, true).add(in.get(0).mean(-1).unsqueeze(-1)), List.of(a));
        check(in -> in.get(0).max(1, false), List.of(a));
        check(in -> in.get(0).var(new int[] {-1}, 1, false), List.of(a));
        check(in -> in.get(0).softmax(-1).mul(in.get(0).logSoftmax(1).sum(1, true)), List.of(a));
        check(in -> in.get(0).logsumexp(new int[] {2}, false), List.of(a));
    }

    @Test
    void viewsAndIndexing() {
        Tensor a = leaf(6, 3, 4);
        check(in -> in.get(0).t().reshape(2, 6).flip(1).mul(2), List.of(a));
        check(in -> in.get(0).index("1:, ::-2").mul(in.get(0).select(1, 0).unsqueeze(1).narrow(0, 0, 2)), List.of(a));
        check(in -> in.get(0).unsqueeze(0).expand(2, 3, 4).mul(in.get(0)), List.of(a));
        Tensor idx = Tensors.fromArray(new long[] {2, 0, 2});
        check(in -> in.get(0).indexSelect(0, idx).mul(3), List.of(a));
        check(in -> Tensors.cat(1, List.of(in.get(0), in.get(0).mul(2))).sum(0), List.of(a));
        check(in -> Tensors.where(in.get(0).gt(0), in.get(0).mul(in.get(0)), in.get(0).neg()), List.of(a));
    }

    @Test
    void accumulationRetainGraphAndNoGrad() {
        Tensor x = Tensors.fromArray(new double[] {1, 2, 3}).requiresGrad_();
        Tensor y = x.mul(x).sum();
        y.backward(null, true, false);
        y.backward();
        assertArrayEquals(new double[] {4, 8, 12}, x.grad().toDoubleArray(), 1e-12);
        TriadException again = assertThrows(TriadException.class, y::backward);
        assertTrue(again.getMessage().contains("second time"), again.getMessage());
        try (var _ = Autograd.noGrad()) {
            Tensor z = x.mul(2);
            assertFalse(z.requiresGrad());
            assertNull(z.gradFn());
        }
        Tensor d = x.detach();
        assertFalse(d.requiresGrad());
        assertThrows(TriadException.class, () -> d.sum().backward());
        x.zeroGrad();
        assertNull(x.grad());
    }

    @Test
    void secondDerivativesWithCreateGraph() {
        Tensor x = Tensors.fromArray(new double[] {1, 2, 3}).requiresGrad_();
        Tensor y = x.pow(3).sum();
        Tensor dy = Autograd.grad(List.of(y), List.of(x), null, true, true).get(0);
        assertArrayEquals(new double[] {3, 12, 27}, dy.toDoubleArray(), 1e-9);
        assertTrue(dy.requiresGrad());
        dy.sum().backward();
        assertArrayEquals(new double[] {6, 12, 18}, x.grad().toDoubleArray(), 1e-9);

        // backward(createGraph) leaves a differentiable .grad; a Hessian-vector product through tanh.
        Tensor w = Tensors.fromArray(new double[] {0.5, -1.0}).requiresGrad_();
        w.tanh().mul(w).sum().backward(null, true, true);
        Tensor g1 = w.grad();
        assertNotNull(g1.gradFn());
        Tensor h = Autograd.grad(List.of(g1.sum()), List.of(w), null, false, false).get(0);
        double[] wv = {0.5, -1.0}, hv = h.toDoubleArray();
        for (int i = 0; i < 2; i++) {
            double t = Math.tanh(wv[i]), s = 1 - t * t;
            assertEquals(2 * s - 2 * wv[i] * t * s, hv[i], 1e-9);   // d2/dw2 of w tanh(w)
        }
    }

    @Test
    void secondDerivativesThroughCompositesMatchFiniteDifferences() {
        Tensor c = Scope.escape(Tensors.fromArray(new double[] {0.3, -1.2, 2.0, 0.7, 0.1, -0.4}, 2, 3));
        Tensor x = leaf(30, 2, 3);
        check(in -> firstDerivative(in.get(0), v -> v.logSoftmax(1).mul(c).sum().add(v.tanh().softmax(0).mul(c).sum())), List.of(x));
        check(in -> firstDerivative(in.get(0), v -> v.var(new int[] {1}, 1, false).sum().add(v.gelu().mul(c).sum())), List.of(x));
    }

    /** d f / d x with the graph kept, so that it can be differentiated again. */
    private static Tensor firstDerivative(Tensor x, java.util.function.UnaryOperator<Tensor> f) {
        try (var g = Autograd.enableGrad()) {
            Tensor v = x.requiresGrad() ? x : x.detach().requiresGrad_();
            return Autograd.grad(List.of(f.apply(v)), List.of(v), null, true, true).get(0);
        }
    }

    @Test
    void backwardAfterTheScopeClosedSavedTensorsSaysSo() {
        Tensor x = Tensors.fromArray(new double[] {1, 2}).requiresGrad_();
        Tensor loss;
        try (Scope s = Scope.open()) {
            loss = s.keep(x.exp().mul(x).sum());
        }
        TriadException e = assertThrows(TriadException.class, loss::backward);
        assertTrue(e.getMessage().contains("was closed before backward ran"), e.getMessage());
    }

    @Test
    void nonDifferentiableInputsGetNoGradient() {
        Tensor x = Tensors.fromArray(new double[] {1, 5, 3}).requiresGrad_();
        Tensor idx = x.argmax();
        assertFalse(idx.requiresGrad());
        assertEquals(DType.I64, idx.dtype());
        Tensor masked = Tensors.where(x.gt(2), x, x.mul(0));
        masked.sum().backward();
        assertArrayEquals(new double[] {0, 1, 1}, x.grad().toDoubleArray());
        assertThrows(TriadException.class, () -> Tensors.arange(3).requiresGrad_());
    }

    @Test
    void retainGradOfIntermediate() {
        Tensor x = Tensors.fromArray(new double[] {1, 2}).requiresGrad_();
        Tensor h = x.mul(3).retainGrad();
        h.square().sum().backward();
        assertArrayEquals(new double[] {6, 12}, h.grad().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {18, 36}, x.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void gradientsDoNotShareStorage() {
        Tensor a = Tensors.fromArray(new double[] {1, 2}).requiresGrad_();
        Tensor b = Tensors.fromArray(new double[] {3, 4}).requiresGrad_();
        a.reshape(2, 1).reshape(2).add(b).sum().backward();
        try (var _ = Autograd.noGrad()) {
            a.grad().mul_(10);
        }
        assertArrayEquals(new double[] {1, 1}, b.grad().toDoubleArray());
    }
}
