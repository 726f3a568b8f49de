package dev.triad.functional;

import dev.triad.spi.graph.Graph;

import java.util.function.BiFunction;

/**
 * A jitted function of two arguments ({@link Transforms#jit(BiFunction)}), e.g. a training
 * step of (state, batch).
 *
 * @param <A> the first argument's type (a pytree)
 * @param <B> the second argument's type (a pytree)
 * @param <C> the result's type (a pytree)
 */
public final class Jitted2<A, B, C> implements BiFunction<A, B, C>, JitFunction {
    private final JitCore core;

    Jitted2(JitCore core) { this.core = core; }

    @Override
    @SuppressWarnings("unchecked")
    public C apply(A a, B b) { return (C) core.call(new Object[] {a, b}); }

    @Override public JitStats stats() { return core.stats(); }
    @Override public Graph lower(Object... args) { return core.lower(args); }
    @Override public Graph optimized(Object... args) { return core.optimized(args); }
    @Override public void clearCache() { core.clearCache(); }
    @Override public void close() { core.close(); }
}
