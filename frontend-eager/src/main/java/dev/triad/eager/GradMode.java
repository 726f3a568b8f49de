package dev.triad.eager;

/**
 * Whether ops record tape entries on this thread (PyTorch's grad mode). On by default; turned
 * off inside {@link Autograd#noGrad()} and during a backward pass that does not create a graph.
 */
public final class GradMode {
    private GradMode() {}

    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    /** True when ops on this thread record tape entries. */
    public static boolean isEnabled() { return ENABLED.get()[0]; }

    /**
     * Sets grad mode until the returned guard closes, which restores the previous mode. Guards
     * must be closed in reverse order (use try-with-resources).
     */
    public static Guard set(boolean enabled) {
        boolean[] cell = ENABLED.get();
        Guard g = new Guard(cell, cell[0]);
        cell[0] = enabled;
        return g;
    }

    /** Restores the previous grad mode when closed. */
    public static final class Guard implements AutoCloseable {
        private final boolean[] cell;
        private final boolean previous;
        private boolean closed;

        private Guard(boolean[] cell, boolean previous) {
            this.cell = cell;
            this.previous = previous;
        }

        /** Restores the mode that was in force when this guard was made (idempotent). */
        @Override
        public void close() {
            if (closed) return;
            closed = true;
            cell[0] = previous;
        }
    }
}
