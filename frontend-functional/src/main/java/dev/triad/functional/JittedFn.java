package dev.triad.functional;

import dev.triad.spi.graph.Graph;

/** A jitted function of any number of arguments ({@link Transforms#jit(Fn, int...)}). */
public final class JittedFn implements Fn, JitFunction {
    private final JitCore core;

    JittedFn(JitCore core) { this.core = core; }

    @Override public Object apply(Object... args) { return core.call(args); }
    @Override public JitStats stats() { return core.stats(); }
    @Override public Graph lower(Object... args) { return core.lower(args); }
    @Override public Graph optimized(Object... args) { return core.optimized(args); }
    @Override public void clearCache() { core.clearCache(); }
    @Override public void close() { core.close(); }
}
