package dev.triad.functional;

import dev.triad.spi.graph.Graph;

import java.util.function.Function;

/**
 * A jitted function of one argument ({@link Transforms#jit(Function)}).
 *
 * @param <A> the argument's type (a pytree)
 * @param <B> the result's type (a pytree)
 */
public final class Jitted<A, B> implements Function<A, B>, JitFunction {
    private final JitCore core;

    Jitted(JitCore core) { this.core = core; }

    @Override
    @SuppressWarnings("unchecked")
    public B apply(A a) { return (B) core.call(new Object[] {a}); }

    @Override public JitStats stats() { return core.stats(); }
    @Override public Graph lower(Object... args) { return core.lower(args); }
    @Override public Graph optimized(Object... args) { return core.optimized(args); }
    @Override public void clearCache() { core.clearCache(); }
    @Override public void close() { core.close(); }
}
