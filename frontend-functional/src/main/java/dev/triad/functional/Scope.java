package dev.triad.functional;

import dev.triad.functional.tree.Tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Deterministic release of device memory. Every concrete {@link Array} created while a scope
 * is open on the thread belongs to the innermost one and is closed when it closes, unless it
 * was kept: {@link #keep} hands arrays to the enclosing scope (or to the caller, when there
 * is none). Transformations use the same mechanism to free their intermediates.
 *
 * <pre>{@code
 * try (Scope s = Scope.open()) {
 *     Array loss = lossFn.apply(params, batch);
 *     return s.keep(loss);        // everything else made in the block is released here
 * }
 * }</pre>
 *
 * Arrays made outside any scope belong to the caller, who closes them (or leaves them to the
 * garbage collector's safety net, which the allocator counts as a leak).
 */
public final class Scope implements AutoCloseable {
    private static final ThreadLocal<List<Scope>> STACK = ThreadLocal.withInitial(ArrayList::new);

    private final Set<Array> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Scope parent;
    private boolean onStack = true;
    private boolean closed;

    private Scope(Scope parent) { this.parent = parent; }

    /** Opens a scope on this thread, inside the current one. */
    public static Scope open() {
        List<Scope> s = STACK.get();
        Scope scope = new Scope(s.isEmpty() ? null : s.get(s.size() - 1));
        s.add(scope);
        return scope;
    }

    /** Adds a new concrete array to the innermost scope, if any. */
    static void register(Array a) {
        List<Scope> s = STACK.get();
        if (!s.isEmpty()) s.get(s.size() - 1).owned.add(a);
    }

    /**
     * Hands every array leaf of {@code tree} (an array or any pytree) that this scope owns to
     * the enclosing scope, or to the caller when there is none; returns {@code tree}.
     */
    public <T> T keep(T tree) {
        for (Array a : Tree.treeLeaves(tree)) {
            if (owned.remove(a) && parent != null && !parent.closed) parent.owned.add(a);
        }
        return tree;
    }

    /** Removes this scope from the thread's stack without releasing what it owns (it must be innermost). */
    void detach() {
        if (!onStack) return;
        List<Scope> s = STACK.get();
        if (s.isEmpty() || s.get(s.size() - 1) != this) throw new IllegalStateException("scopes must close innermost first");
        s.remove(s.size() - 1);
        onStack = false;
    }

    /** Number of arrays the scope owns now. */
    public int size() { return owned.size(); }

    /** Closes every array the scope still owns and ends the scope (innermost first); idempotent. */
    @Override
    public void close() {
        if (closed) return;
        detach();
        closed = true;
        List<Array> all = new ArrayList<>(owned);
        owned.clear();
        for (Array a : all) a.close();
    }
}
