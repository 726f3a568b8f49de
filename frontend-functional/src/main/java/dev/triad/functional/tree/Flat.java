package dev.triad.functional.tree;

import dev.triad.functional.Array;

import java.util.List;

/**
 * A flattened pytree: its array leaves in order and its structure.
 *
 * @param leaves the array leaves, depth first, in each container's order
 * @param def the structure, which {@link TreeDef#unflatten} fills back in
 */
public record Flat(List<Array> leaves, TreeDef def) {
    /** Copies the leaves. */
    public Flat {
        leaves = List.copyOf(leaves);
    }
}
