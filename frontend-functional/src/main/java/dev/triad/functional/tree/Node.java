package dev.triad.functional.tree;

import dev.triad.functional.Array;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One node of a {@link TreeDef}: the shape of a pytree without its array leaves. Nodes are
 * immutable and compare structurally (static leaves by {@code equals}), so a definition can
 * key a cache.
 */
sealed interface Node {
    /** Number of array leaves below this node. */
    int leafCount();

    /** Rebuilds the value of this node, taking its array leaves from {@code leaves} in order. */
    Object build(Iterator<Array> leaves);

    /** Appends the text form. */
    void describe(StringBuilder b);

    /** An array leaf. */
    record Leaf() implements Node {
        static final Leaf INSTANCE = new Leaf();
        @Override public int leafCount() { return 1; }
        @Override public Object build(Iterator<Array> leaves) { return leaves.next(); }
        @Override public void describe(StringBuilder b) { b.append('*'); }
    }

    /**
     * A value that is not an array and not a container (a number, string, enum, null...): part
     * of the structure, carried through unchanged and compared by {@code equals}, as a static
     * argument of {@code jit} is.
     */
    record Static(Object value) implements Node {
        @Override public int leafCount() { return 0; }
        @Override public Object build(Iterator<Array> leaves) { return value; }
        @Override public void describe(StringBuilder b) { b.append(value); }
        @Override public boolean equals(Object o) { return o instanceof Static s && Objects.equals(value, s.value); }
        @Override public int hashCode() { return Objects.hashCode(value); }
    }

    /** A list; rebuilt as an unmodifiable list. */
    record ListNode(List<Node> children, int leafCount) implements Node {
        ListNode(List<Node> children) { this(List.copyOf(children), count(children)); }
        @Override public Object build(Iterator<Array> leaves) {
            List<Object> out = new ArrayList<>(children.size());
            for (Node c : children) out.add(c.build(leaves));
            return Collections.unmodifiableList(out);
        }
        @Override public void describe(StringBuilder b) {
            b.append('[');
            for (int i = 0; i < children.size(); i++) {
                if (i > 0) b.append(", ");
                children.get(i).describe(b);
            }
            b.append(']');
        }
    }

    /** A map, with its keys in flattening order; rebuilt as a sorted or insertion-ordered map. */
    record MapNode(List<Object> keys, List<Node> children, boolean sorted, int leafCount) implements Node {
        MapNode(List<Object> keys, List<Node> children, boolean sorted) {
            this(Collections.unmodifiableList(new ArrayList<>(keys)), List.copyOf(children), sorted, count(children));
        }
        @Override public Object build(Iterator<Array> leaves) {
            if (sorted) {
                TreeMap<Object, Object> out = new TreeMap<>();
                for (int i = 0; i < keys.size(); i++) out.put(keys.get(i), children.get(i).build(leaves));
                return Collections.unmodifiableSortedMap(out);
            }
            LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) out.put(keys.get(i), children.get(i).build(leaves));
            // Still a SequencedMap, so flattening it again gives the same order and structure.
            return Collections.unmodifiableSequencedMap(out);
        }
        @Override public void describe(StringBuilder b) {
            b.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) b.append(", ");
                b.append(keys.get(i)).append(": ");
                children.get(i).describe(b);
            }
            b.append('}');
        }
    }

    /** A record (or a registered type): rebuilt by its constructor from the children. */
    record Composite(NodeType type, List<Node> children, int leafCount) implements Node {
        Composite(NodeType type, List<Node> children) { this(type, List.copyOf(children), count(children)); }
        @Override public Object build(Iterator<Array> leaves) {
            List<Object> values = new ArrayList<>(children.size());
            for (Node c : children) values.add(c.build(leaves));
            return type.rebuild(values);
        }
        @Override public void describe(StringBuilder b) {
            b.append(type.name()).append('(');
            for (int i = 0; i < children.size(); i++) {
                if (i > 0) b.append(", ");
                String label = type.label(i);
                if (label != null) b.append(label).append('=');
                children.get(i).describe(b);
            }
            b.append(')');
        }
    }

    private static int count(List<Node> children) {
        int n = 0;
        for (Node c : children) n += c.leafCount();
        return n;
    }
}
