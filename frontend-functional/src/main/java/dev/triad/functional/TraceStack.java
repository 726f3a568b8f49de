package dev.triad.functional;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The per-thread stack of active transformations (JAX's trace state). Level 0 is always the
 * {@link EvalTrace}; each transformation pushes a trace one level higher and pops it when it
 * returns, so levels are unique among the traces that are active at any moment.
 */
final class TraceStack {
    private TraceStack() {}

    private static final ThreadLocal<List<Trace>> STACK = ThreadLocal.withInitial(ArrayList::new);

    /** A pushed trace; closing pops it and marks it finished. */
    static final class Entry<T extends Trace> implements AutoCloseable {
        private final T trace;

        private Entry(T trace) { this.trace = trace; }

        /** The pushed trace. */
        T trace() { return trace; }

        @Override
        public void close() {
            List<Trace> s = STACK.get();
            if (s.isEmpty() || s.get(s.size() - 1) != trace) {
                throw new IllegalStateException("trace " + trace + " popped out of order (stack " + s + ")");
            }
            s.remove(s.size() - 1);
            trace.deactivate();
        }
    }

    /** Makes a trace at the next level with {@code make} and pushes it. */
    static <T extends Trace> Entry<T> push(IntFunction<T> make) {
        List<Trace> s = STACK.get();
        T t = make.apply(s.size() + 1);
        s.add(t);
        return new Entry<>(t);
    }

    /**
     * The trace that ops without traced inputs go to: the innermost staging trace (a jit being
     * traced), else evaluation. JAX calls this the dynamic trace; it keeps creation ops inside
     * a jit in the graph rather than running them eagerly.
     */
    static Trace floor() {
        List<Trace> s = STACK.get();
        for (int i = s.size() - 1; i >= 0; i--) if (s.get(i).isStaging()) return s.get(i);
        return EvalTrace.INSTANCE;
    }

    /** The one active trace when exactly one transformation is active on this thread, else null. */
    static Trace single() {
        List<Trace> s = STACK.get();
        return s.size() == 1 ? s.get(0) : null;
    }

    /** True when no transformation is active on this thread (the caller is the outermost one). */
    static boolean isEmpty() { return STACK.get().isEmpty(); }

    /** The active traces, innermost last, for messages. */
    static String describe() { return STACK.get().toString(); }
}
