package dev.triad.eager;

import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ViewsAndInPlaceTest {
    @Test
    void viewsShareStorageWithoutCopies() {
        try (var _ = Scope.open()) {
            Tensor x = Tensors.arange(0.0, 12.0, 1.0).reshape(3, 4);
            var buffer = x.deviceArray().buffer();
            List<Tensor> views = List.of(x.t(), x.reshape(2, 6), x.index("1:, ::2"), x.flip(0), x.select(1, 2),
                    x.narrow(0, 1, 2).unsqueeze(0).expand(5, 2, 4), x.permute(1, 0), x.view(12), x.index("::-1, -1"));
            for (Tensor v : views) assertSame(buffer, v.deviceArray().buffer(), "not a view: " + v.type());
            assertArrayEquals(new float[] {11, 7, 3}, x.index("::-1, -1").toFloatArray());
            assertArrayEquals(new float[] {4, 6, 8, 10}, x.index("1:, ::2").toFloatArray());

            // Writing through a view is visible in the base and in other views.
            x.t().select(0, 1).fill_(-1);
            assertArrayEquals(new float[] {0, -1, 2, 3, 4, -1, 6, 7, 8, -1, 10, 11}, x.toFloatArray());
            x.index("2, 1:3").copy_(Tensors.of(100, 200));
            assertArrayEquals(new float[] {100, 200}, x.reshape(2, 6).index("1, 3:5").toFloatArray());
            x.flip(1).narrow(0, 0, 1).add_(1);
            assertEquals(1f, x.get(0, 0).toFloatArray()[0]);
        }
    }

    @Test
    void unrecordedInPlaceUpdatesWriteStraightIntoTheirStorage() {
        try (var _ = Scope.open(); var _ = Autograd.noGrad()) {
            Tensor p = Tensors.fromArray(new float[] {1, 2, 3, 4}).reshape(2, 2);
            Tensor g = Tensors.fromArray(new float[] {10, 20, 30, 40}).reshape(2, 2);
            var buffer = p.deviceArray().buffer();
            var allocator = p.backend().allocator();
            long before = allocator.stats().allocations();
            p.add_(g);   // donation: no result buffer, no copy
            assertEquals(before, allocator.stats().allocations(), "add_ allocated a result buffer");
            assertSame(buffer, p.deviceArray().buffer());
            assertArrayEquals(new float[] {11, 22, 33, 44}, p.toFloatArray());
            p.add_(g, -0.5).mul_(2).sub_(1).div_(Tensors.fromArray(new float[] {1, 2}));   // broadcast operand
            assertArrayEquals(new float[] {11, 11.5f, 35, 23.5f}, p.toFloatArray());
            assertEquals(5, p.version.get());

            // The operand is the very view written: each element is read before it is written.
            Tensor x = Tensors.fromArray(new float[] {1, 2, 3});
            x.add_(x);
            assertArrayEquals(new float[] {2, 4, 6}, x.toFloatArray());
            // An operand overlapping the output any other way must not see half-updated values.
            x.add_(x.flip(0));
            assertArrayEquals(new float[] {8, 8, 8}, x.toFloatArray());
            Tensor y = Tensors.fromArray(new float[] {1, 2, 3, 4});
            y.narrow(0, 1, 3).add_(y.narrow(0, 0, 3));
            assertArrayEquals(new float[] {1, 3, 5, 7}, y.toFloatArray());
            // A result of another dtype or shape still raises the usual errors.
            Tensor ints = Tensors.arange(3);
            assertThrows(TriadException.class, () -> ints.add_(0.5));
            assertThrows(ShapeException.class, () -> x.add_(Tensors.ones(2, 3)));
        }
    }

    @Test
    void reshapeOfNonContiguousCopiesAndViewRefuses() {
        try (var _ = Scope.open()) {
            Tensor x = Tensors.arange(6).reshape(2, 3);
            Tensor t = x.t();
            assertFalse(t.isContiguous());
            ShapeException e = assertThrows(ShapeException.class, () -> t.view(6));
            assertTrue(e.getMessage().contains("reshape(...)"), e.getMessage());
            Tensor r = t.reshape(6);
            assertNotSame(x.deviceArray().buffer(), r.deviceArray().buffer());
            assertArrayEquals(new long[] {0, 3, 1, 4, 2, 5}, r.toLongArray());
        }
    }

    @Test
    void versionCounterCatchesOverwrittenSavedValues() {
        Tensor a = Tensors.fromArray(new float[] {1, 2, 3}).requiresGrad_();
        Tensor b = a.mul(2);             // b requires grad, is not a leaf
        Tensor c = b.mul(a);             // saves b (version 0) as input 0
        b.add_(1);                       // version 1
        TriadException e = assertThrows(TriadException.class, () -> c.sum().backward());
        assertTrue(e.getMessage().contains("one of the variables needed for gradient computation has been modified by an inplace operation: "
                + "[mul] input 0 f32[3] is at version 1; expected version 0"), e.getMessage());

        // An in-place op whose saved values are not needed is fine, and gradients flow through it.
        Tensor x = Tensors.fromArray(new double[] {1, 2, 3}).requiresGrad_();
        Tensor y = x.mul(3);
        y.add_(1).mul_(2);               // y = (3x + 1) * 2
        y.sum().backward();
        assertArrayEquals(new double[] {6, 6, 6}, x.grad().toDoubleArray());
        assertEquals("MulBackward", y.gradFn());
    }

    @Test
    void inPlaceOnLeafThatRequiresGradIsAnError() {
        Tensor w = Tensors.fromArray(new float[] {1, 2}).requiresGrad_();
        TriadException e = assertThrows(TriadException.class, () -> w.add_(1));
        assertTrue(e.getMessage().contains("leaf"), e.getMessage());
        assertThrows(TriadException.class, () -> w.narrow(0, 0, 1).mul_(2));
        try (var _ = Autograd.noGrad()) {
            w.add_(1);
        }
        assertArrayEquals(new float[] {2, 3}, w.toFloatArray());
        assertThrows(TriadException.class, () -> Tensors.zeros(3).unsqueeze(0).expand(2, 3).add_(1));
        assertThrows(ShapeException.class, () -> Tensors.zeros(3).add_(Tensors.zeros(2, 3)));
    }

    @Test
    void inPlaceThroughAViewRewritesTheBaseHistory() {
        // b = 2a; b[0:2] *= w; loss = sum(b * c): d/da = 2c (times w inside the slice), d/dw = 2a c.
        Tensor a = Tensors.fromArray(new double[] {1, 2, 3}).requiresGrad_();
        Tensor w = Tensors.fromArray(new double[] {5, 7}).requiresGrad_();
        Tensor c = Tensors.fromArray(new double[] {1, 10, 100});
        Tensor b = a.mul(2);
        b.narrow(0, 0, 2).mul_(w);
        assertArrayEquals(new double[] {10, 28, 6}, b.toDoubleArray());
        b.mul(c).sum().backward();
        assertArrayEquals(new double[] {10, 140, 200}, a.grad().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {2, 40}, w.grad().toDoubleArray(), 1e-12);

        // Copying a tensor that requires grad into part of a plain buffer makes the buffer part of the graph.
        Tensor x = Tensors.fromArray(new double[] {3, 4}).requiresGrad_();
        Tensor buf = Tensors.zeros(dev.triad.spi.types.DType.F64, 2, 2);
        buf.select(0, 1).copy_(x.mul(x));
        assertTrue(buf.requiresGrad());
        buf.sum().backward();
        assertArrayEquals(new double[] {6, 8}, x.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void viewUsedAfterItsBaseChangedFollowsTheNewHistory() {
        Tensor a = Tensors.fromArray(new double[] {1, 2}).requiresGrad_();
        Tensor b = a.mul(1);
        Tensor v = b.narrow(0, 1, 1);     // view made before the in-place update
        b.mul_(a);                        // b = a * a
        v.sum().backward();               // v = a[1]^2
        assertArrayEquals(new double[] {0, 4}, a.grad().toDoubleArray(), 1e-12);
    }
}
