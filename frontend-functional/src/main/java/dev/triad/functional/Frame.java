package dev.triad.functional;

/**
 * The memory frame of one transformation call. The outermost transformation on a thread owns
 * a {@link Scope} that frees every intermediate when the call returns, except the results it
 * lets escape. Nested transformations open none: values they compute may be recorded by an
 * outer transformation (a tape, a graph) that still needs them, and the outermost frame frees
 * them all at its end.
 */
final class Frame implements AutoCloseable {
    private final Scope scope;

    private Frame(Scope scope) { this.scope = scope; }

    /** Enters a frame; it owns a scope only when no transformation is active. */
    static Frame enter() { return new Frame(TraceStack.isEmpty() ? Scope.open() : null); }

    /** Lets the array leaves of {@code tree} outlive the frame; returns {@code tree}. */
    <T> T escape(T tree) {
        if (scope != null) scope.keep(tree);
        return tree;
    }

    /**
     * Leaves the thread's scope stack but keeps what the frame owns alive until {@link #close}:
     * for results that carry a computation to finish later (a pullback, a linear map).
     */
    Frame detach() {
        if (scope != null) scope.detach();
        return this;
    }

    @Override
    public void close() {
        if (scope != null) scope.close();
    }
}
