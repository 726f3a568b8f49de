package dev.triad.functional.tree;

import dev.triad.functional.Array;
import dev.triad.spi.error.TriadException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Pytrees: nested records, lists and maps whose leaves are {@link Array}s, flattened to a list
 * of leaves and a {@link TreeDef} and rebuilt from them (JAX's {@code jax.tree_util}).
 * Parameters, gradients and optimizer states are pytrees, so every transformation accepts them.
 *
 * <ul>
 *   <li>A {@link List} is a node with its elements as children, in order.</li>
 *   <li>A {@link Map} is a node with its values as children: in the map's own order when it has
 *       one (sorted or linked maps), else sorted by key, as JAX sorts dict keys.</li>
 *   <li>A record is a node with its components as children, in declaration order.</li>
 *   <li>Classes registered with {@link #registerNode} are nodes the way they say.</li>
 *   <li>An {@link Array} is a leaf; anything else (numbers, strings, enums, null) is static
 *       structure, carried through transformations unchanged.</li>
 * </ul>
 */
public final class Tree {
    private Tree() {}

    private static final Map<Class<?>, NodeType> TYPES = new ConcurrentHashMap<>();

    /**
     * Makes {@code type} a pytree node.
     *
     * @param children lists a value's children in order
     * @param rebuild builds a value from children in that order
     */
    @SuppressWarnings("unchecked")
    public static <T> void registerNode(Class<T> type, Function<T, List<Object>> children, Function<List<Object>, T> rebuild) {
        TYPES.put(type, new NodeType(type, v -> children.apply((T) v), rebuild::apply, null));
    }

    /** The leaves and structure of {@code tree}. */
    public static Flat treeFlatten(Object tree) {
        List<Array> leaves = new ArrayList<>();
        Node root = flatten(tree, leaves, 0);
        return new Flat(leaves, new TreeDef(root));
    }

    /** The array leaves of {@code tree}, in flattening order. */
    public static List<Array> treeLeaves(Object tree) {
        List<Array> leaves = new ArrayList<>();
        flatten(tree, leaves, 0);
        return leaves;
    }

    /** The structure of {@code tree}. */
    public static TreeDef treeStructure(Object tree) { return new TreeDef(flatten(tree, new ArrayList<>(), 0)); }

    /** A tree of structure {@code def} holding {@code leaves}. */
    public static Object treeUnflatten(TreeDef def, List<Array> leaves) { return def.unflatten(leaves); }

    /** {@code tree} with {@code f} applied to every leaf. */
    @SuppressWarnings("unchecked")
    public static <T> T treeMap(UnaryOperator<Array> f, T tree) {
        Flat flat = treeFlatten(tree);
        List<Array> out = new ArrayList<>(flat.leaves().size());
        for (Array a : flat.leaves()) out.add(f.apply(a));
        return (T) flat.def().unflatten(out);
    }

    /**
     * {@code a} with {@code f} applied to each leaf and the corresponding leaf of {@code b},
     * which must have the same structure.
     */
    @SuppressWarnings("unchecked")
    public static <T> T treeMap(BinaryOperator<Array> f, T a, Object b) {
        Flat fa = treeFlatten(a), fb = treeFlatten(b);
        checkSame(fa.def(), fb.def());
        List<Array> out = new ArrayList<>(fa.leaves().size());
        for (int i = 0; i < fa.leaves().size(); i++) out.add(f.apply(fa.leaves().get(i), fb.leaves().get(i)));
        return (T) fa.def().unflatten(out);
    }

    /**
     * {@code first} with {@code f} applied to each leaf together with the corresponding leaves
     * of {@code rest} (all of the same structure), in that order.
     */
    @SuppressWarnings("unchecked")
    public static <T> T treeMapN(Function<List<Array>, Array> f, T first, Object... rest) {
        Flat ff = treeFlatten(first);
        List<Flat> others = new ArrayList<>(rest.length);
        for (Object r : rest) {
            Flat fr = treeFlatten(r);
            checkSame(ff.def(), fr.def());
            others.add(fr);
        }
        List<Array> out = new ArrayList<>(ff.leaves().size());
        for (int i = 0; i < ff.leaves().size(); i++) {
            List<Array> args = new ArrayList<>(1 + others.size());
            args.add(ff.leaves().get(i));
            for (Flat o : others) args.add(o.leaves().get(i));
            out.add(f.apply(args));
        }
        return (T) ff.def().unflatten(out);
    }

    /** Closes every array leaf of {@code tree}. */
    public static void treeClose(Object tree) {
        for (Array a : treeLeaves(tree)) a.close();
    }

    private static void checkSame(TreeDef a, TreeDef b) {
        if (!a.equals(b)) throw new TriadException("tree_map", "trees have different structures " + a + " and " + b);
    }

    private static final int MAX_DEPTH = 1000;

    private static Node flatten(Object x, List<Array> leaves, int depth) {
        if (depth > MAX_DEPTH) throw new TriadException("tree_flatten", "the tree is deeper than " + MAX_DEPTH + " levels (a cycle?)");
        if (x instanceof Array a) {
            leaves.add(a);
            return Node.Leaf.INSTANCE;
        }
        if (x == null) return new Node.Static(null);
        NodeType registered = TYPES.get(x.getClass());
        if (registered != null) return composite(registered, x, leaves, depth);
        if (x instanceof List<?> list) {
            List<Node> children = new ArrayList<>(list.size());
            for (Object c : list) children.add(flatten(c, leaves, depth + 1));
            return new Node.ListNode(children);
        }
        if (x instanceof Map<?, ?> map) return flattenMap(map, leaves, depth);
        if (x instanceof Collection<?>) {
            throw new TriadException("tree_flatten", "a " + x.getClass().getSimpleName() + " is not a pytree node; use a List or a Map");
        }
        if (x.getClass().isRecord()) return composite(TYPES.computeIfAbsent(x.getClass(), NodeType::ofRecord), x, leaves, depth);
        return new Node.Static(x);
    }

    private static Node composite(NodeType type, Object x, List<Array> leaves, int depth) {
        List<Object> values = type.children(x);
        List<Node> children = new ArrayList<>(values.size());
        for (Object c : values) children.add(flatten(c, leaves, depth + 1));
        return new Node.Composite(type, children);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Node flattenMap(Map<?, ?> map, List<Array> leaves, int depth) {
        List<Object> keys = new ArrayList<>(map.keySet());
        boolean sorted = map instanceof SortedMap<?, ?>;
        if (!sorted && !(map instanceof SequencedMap<?, ?>)) {
            // Unordered maps: sort by key, as JAX does for dicts, so equal maps flatten alike.
            boolean comparable = true;
            for (Object k : keys) comparable &= k instanceof Comparable<?>;
            if (comparable) {
                keys.sort((a, b) -> ((Comparable) a).compareTo(b));
                sorted = true;
            }
        }
        List<Node> children = new ArrayList<>(keys.size());
        for (Object k : keys) children.add(flatten(map.get(k), leaves, depth + 1));
        return new Node.MapNode(keys, children, sorted);
    }
}
