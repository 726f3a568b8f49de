package dev.triad.functional.tree;

import dev.triad.functional.Array;
import dev.triad.spi.error.TriadException;

import java.util.Iterator;
import java.util.List;

/**
 * The structure of a pytree: everything but its array leaves (JAX's {@code PyTreeDef}).
 * Immutable, compared structurally, so it can key the {@code jit} cache. Non-array values
 * that are not containers (numbers, strings, enums, null) are part of the structure.
 */
public final class TreeDef {
    private final Node root;

    TreeDef(Node root) { this.root = root; }

    Node root() { return root; }

    /** Number of array leaves. */
    public int leafCount() { return root.leafCount(); }

    /**
     * A tree of this structure holding {@code leaves} in flattening order.
     *
     * @throws TriadException when the number of leaves differs from {@link #leafCount()}
     */
    public Object unflatten(List<Array> leaves) {
        if (leaves.size() != leafCount()) {
            throw new TriadException("tree_unflatten", "got " + leaves.size() + " leaves for structure " + this
                    + "; expected " + leafCount());
        }
        Iterator<Array> it = leaves.iterator();
        return root.build(it);
    }

    @Override
    public boolean equals(Object o) { return o instanceof TreeDef d && d.root.equals(root); }

    @Override
    public int hashCode() { return root.hashCode(); }

    /** The text form, e.g. {@code TreeDef(Params(w=*, b=[*, *]))}, with {@code *} for each array leaf. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("TreeDef(");
        root.describe(b);
        return b.append(')').toString();
    }
}
