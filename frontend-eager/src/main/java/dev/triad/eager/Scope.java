package dev.triad.eager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Deterministic release of tensors: every tensor created on this thread while a scope is open
 * belongs to the innermost open scope and is closed when that scope closes, unless it was
 * handed out with {@link #keep}. Use it around each training step so that activations, tape
 * entries and gradient temporaries are released at once instead of waiting for the garbage
 * collector:
 *
 * <pre>{@code
 * try (Scope s = Scope.open()) {
 *     Tensor loss = lossFn.forward(model.forward(x), y);
 *     loss.backward();
 *     optimizer.step();
 *     return s.keep(loss.detach());
 * }
 * }</pre>
 *
 * Parameters, their gradients, module buffers and optimizer state never belong to a scope.
 * Scopes nest and must be closed innermost first (try-with-resources does that).
 */
public final class Scope implements AutoCloseable {
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private final Scope parent;
    private final Thread thread;
    // Tensors whose owner was this scope at some point; those still owned are closed at the end.
    private final List<Tensor> owned = new ArrayList<>();
    private boolean closed;

    private Scope(Scope parent) {
        this.parent = parent;
        this.thread = Thread.currentThread();
    }

    /** Opens a scope nested in the current one (if any) and makes it current on this thread. */
    public static Scope open() {
        Scope s = new Scope(CURRENT.get());
        CURRENT.set(s);
        return s;
    }

    /** The innermost open scope of this thread, or null. */
    public static Scope current() { return CURRENT.get(); }

    /**
     * Hands {@code t} to the parent scope (or, with no parent, to the caller, who then closes
     * it) so that closing this scope leaves it open. Returns {@code t} for chaining. Tensors not
     * owned by this scope are returned unchanged.
     */
    public <T extends Tensor> T keep(T t) {
        if (t != null && t.owner == this) {
            t.owner = null;
            if (parent != null) parent.adopt(t);
        }
        return t;
    }

    /** {@link #keep} for each tensor. */
    public void keepAll(Collection<? extends Tensor> tensors) {
        for (Tensor t : tensors) keep(t);
    }

    /**
     * Removes {@code t} from whatever scope owns it: it will be closed by its new owner (a
     * module, an optimizer, the caller), never by a scope. Returns {@code t}.
     */
    public static <T extends Tensor> T escape(T t) {
        if (t != null) t.owner = null;
        return t;
    }

    /** Registers a new tensor with the current scope of this thread, if there is one. */
    static void register(Tensor t) {
        Scope s = CURRENT.get();
        if (s != null) s.adopt(t);
    }

    /** Makes this scope the owner of {@code t}. */
    void adopt(Tensor t) {
        t.owner = this;
        owned.add(t);
    }

    /** Number of tensors this scope still owns (for tests and diagnostics). */
    public int ownedCount() {
        int n = 0;
        for (Tensor t : owned) if (t.owner == this && !t.isClosed()) n++;
        return n;
    }

    /** Closes every tensor this scope still owns and makes the parent scope current again. */
    @Override
    public void close() {
        if (closed) return;
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("a Scope must be closed on the thread that opened it (" + thread.getName() + ")");
        }
        if (CURRENT.get() != this) {
            throw new IllegalStateException("scopes must be closed innermost first; close the inner scope before this one");
        }
        closed = true;
        CURRENT.set(parent);
        for (Tensor t : owned) {
            if (t.owner == this) {
                t.owner = null;
                t.close();
            }
        }
        owned.clear();
    }
}
