package dev.triad.functional;

import static dev.triad.functional.Transforms.grad;
import static dev.triad.functional.Transforms.hessian;
import static dev.triad.functional.Transforms.jit;
import static dev.triad.functional.Transforms.jvp;
import static dev.triad.functional.Transforms.linearize;
import static dev.triad.functional.Transforms.vjp;
import static dev.triad.functional.Transforms.vmap;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.triad.spi.backend.DeviceAllocator;

import org.junit.jupiter.api.Test;

import java.util.function.Function;

/** Transformations release their intermediates: the allocator's live bytes return to where they were. */
class MemoryTest {
    private static final Function<Array, Array> F = x -> np.sum(np.multiply(np.tanh(np.matmul(x, np.transpose(x))), 3.0));

    private static long live() {
        DeviceAllocator a = Platform.backend().allocator();
        return a.stats().liveBytes();
    }

    // Scopes and the backend choice act by being open; their variables are not read.
    @SuppressWarnings("try")
    @Test
    void transformationsFreeTheirIntermediates() {
        Array x = np.array(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}, 2, 3);
        long base = live();
        // At the top level, each transformation frees everything but its result.
        grad(F).apply(x).close();
        vmap(F).apply(x).close();
        hessian((Array v) -> np.sum(np.power(v, 3.0))).apply(np.ravel(x)).close();
        Jvp<Array> j = jvp(F, x, x);
        j.primalOut().close();
        j.tangentOut().close();
        assertEquals(base, live(), "live bytes after grad, vmap, hessian, jvp");

        try (Scope s = Scope.open()) {
            try (Jitted<Array, Array> jg = jit(grad(F)); Jitted<Array, Array> jf = jit(F)) {
                jg.apply(x);
                jg.apply(x);
                grad(jf).apply(x);
            }
            try (Jitted<Array, Array> jf = jit(F)) {
                vmap(jf).apply(x);
                vmap(jf).apply(x);
            }
            try (var v = vjp(F, x)) {
                v.pullback(np.scalar(1.0));
            }
            try (var l = linearize(F, x)) {
                l.apply(x);
            }
        }
        assertEquals(base, live(), "live bytes after jit, vjp and linearize in a scope");
    }
}
