/**
 * Pytrees: nested records, lists and maps of {@link dev.triad.functional.Array}s, flattened to
 * leaves and a {@link dev.triad.functional.tree.TreeDef} and rebuilt, with
 * {@code treeMap}, {@code treeLeaves} and {@code treeStructure} ({@link dev.triad.functional.tree.Tree}).
 */
package dev.triad.functional.tree;
