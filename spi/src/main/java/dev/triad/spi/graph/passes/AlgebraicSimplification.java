package dev.triad.spi.graph.passes;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.GraphPass;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.Broadcasting;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * Local rewrites that remove work without changing results:
 * <ul>
 *   <li>identities: {@code x * 1}, {@code 1 * x}, {@code x / 1}, {@code x + 0}, {@code 0 + x},
 *       {@code x - 0} become {@code x} (broadcast to the result's shape if the constant
 *       widened it); a constant is a {@code full} node, a {@code broadcast_to} of one, or a
 *       literal whose elements are all equal;</li>
 *   <li>involutions: {@code neg(neg(x))} and {@code not(not(x))} become {@code x};</li>
 *   <li>movement chains: permutations compose (and vanish when the composition is the
 *       identity), a reshape of a reshape is one reshape, a broadcast of a broadcast is one
 *       broadcast; a reshape, permute, broadcast, slice or cast that changes nothing vanishes,
 *       and a reduction over no axes too;</li>
 *   <li>constants: a reshape or broadcast of a {@code full} is a {@code full} of the new shape;</li>
 *   <li>broadcast folding: an explicit {@code broadcast_to} feeding an elementwise op that
 *       broadcasts by itself is dropped when the result's shape stays the same.</li>
 * </ul>
 * One sweep sees already simplified inputs, so chains such as {@code neg(neg(neg(x)))} or
 * {@code reshape(reshape(reshape(x)))} collapse at once. Caveat, shared with other compilers:
 * {@code x + 0 -> x} keeps a {@code -0.0} where the addition would have given {@code +0.0}.
 */
public final class AlgebraicSimplification implements GraphPass {
    /** The shared instance (stateless). */
    public static final AlgebraicSimplification INSTANCE = new AlgebraicSimplification();

    /** Literals up to this many elements are inspected for a uniform value. */
    static final long MAX_SPLAT_SCAN = 1 << 16;

    private AlgebraicSimplification() {}

    @Override
    public Graph apply(Graph graph) {
        return Rewriter.rewrite(graph, (b, node, in) -> node.kind() == Node.Kind.OP ? simplify(b, node, in) : null);
    }

    private static Value simplify(GraphBuilder b, Node node, List<Value> in) {
        Primitive p = node.primitive();
        TensorType t = node.type();
        Attrs a = node.attrs();
        Value neutral = null;
        if (p == Prims.ADD) neutral = identity(b, t, in.get(0), in.get(1), 0.0, true);
        if (p == Prims.SUB) neutral = identity(b, t, in.get(0), in.get(1), 0.0, false);
        if (p == Prims.MUL) neutral = identity(b, t, in.get(0), in.get(1), 1.0, true);
        if (p == Prims.DIV) neutral = identity(b, t, in.get(0), in.get(1), 1.0, false);
        if (neutral != null) return neutral;
        if (p == Prims.NEG || p == Prims.NOT) {
            Node x = producer(b, in.get(0));
            return isOp(x, p) ? x.inputs().get(0) : null;
        }
        if (p == Prims.CAST) return in.get(0).type().equals(t) ? in.get(0) : null;
        if (p == Prims.PERMUTE) return permute(b, in.get(0), a.get(Keys.PERM));
        if (p == Prims.RESHAPE || p == Prims.BROADCAST_TO) return reshapeOrBroadcast(b, p, in.get(0), t);
        if (p == Prims.SLICE) return isFullSlice(in.get(0).type().shape(), a) ? in.get(0) : null;
        if (p.category() == Primitive.Category.REDUCTION && p != Prims.ARGMAX && p != Prims.ARGMIN) {
            return a.get(Keys.AXES).length == 0 && in.get(0).type().equals(t) ? in.get(0) : null;
        }
        if (p.category() == Primitive.Category.BINARY || p == Prims.WHERE) return foldBroadcasts(b, node, in);
        return null;
    }

    /** {@code x op c -> x} (and {@code c op x -> x} when {@code commutes}) for the neutral constant {@code neutral}. */
    private static Value identity(GraphBuilder b, TensorType t, Value x, Value y, double neutral, boolean commutes) {
        if (isSplat(b, y, neutral)) return widen(b, x, t);
        if (commutes && isSplat(b, x, neutral)) return widen(b, y, t);
        return null;
    }

    /** {@code x} as type {@code t}: itself, or broadcast when the neutral constant widened the result. */
    private static Value widen(GraphBuilder b, Value x, TensorType t) {
        if (x.type().equals(t)) return x;
        if (x.type().dtype() != t.dtype()) return null;
        return b.broadcastTo(x, t.shape());
    }

    private static Value permute(GraphBuilder b, Value x, int[] perm) {
        if (isIdentity(perm)) return x;
        Node inner = producer(b, x);
        if (!isOp(inner, Prims.PERMUTE)) return null;
        int[] first = inner.attrs().get(Keys.PERM);
        // Result axis i of the outer permute is axis perm[i] of the inner result, i.e. axis first[perm[i]] of its input.
        int[] composed = new int[perm.length];
        for (int i = 0; i < perm.length; i++) composed[i] = first[perm[i]];
        Value source = inner.inputs().get(0);
        return isIdentity(composed) ? source : b.permute(source, composed);
    }

    private static Value reshapeOrBroadcast(GraphBuilder b, Primitive p, Value x, TensorType t) {
        if (x.type().equals(t)) return x;
        Node inner = producer(b, x);
        if (isOp(inner, Prims.FULL)) return b.apply(Prims.FULL, inner.attrs().with(Keys.SHAPE, t.shape()), List.of());
        // Reshapes compose, and so do broadcasts (a shape that broadcasts to s broadcasts to what s broadcasts to).
        if (!isOp(inner, p)) return null;
        Value source = inner.inputs().get(0);
        if (source.type().equals(t)) return source;
        return b.apply(p, Attrs.of(Keys.SHAPE, t.shape()), List.of(source));
    }

    private static boolean isFullSlice(Shape s, Attrs a) {
        long[] start = a.get(Keys.START), stop = a.get(Keys.STOP), step = a.get(Keys.STEP);
        for (int i = 0; i < s.rank(); i++) {
            if (start[i] != 0 || stop[i] != s.dim(i) || (step[i] != 1 && s.dim(i) > 1)) return false;
        }
        return true;
    }

    /** Drops {@code broadcast_to} inputs of an elementwise op when its own broadcasting gives the same shape. */
    private static Value foldBroadcasts(GraphBuilder b, Node node, List<Value> in) {
        List<Value> out = new ArrayList<>(in);
        boolean changed = false;
        for (int i = 0; i < in.size(); i++) {
            Node producer = producer(b, in.get(i));
            if (!isOp(producer, Prims.BROADCAST_TO)) continue;
            Value source = producer.inputs().get(0);
            List<Value> trial = new ArrayList<>(out);
            trial.set(i, source);
            Shape[] shapes = new Shape[trial.size()];
            for (int k = 0; k < shapes.length; k++) shapes[k] = trial.get(k).type().shape();
            if (Broadcasting.broadcast(node.primitive().name(), shapes).equals(node.type().shape())) {
                out = trial;
                changed = true;
            }
        }
        return changed ? b.apply(node.primitive(), node.attrs(), out) : null;
    }

    private static Node producer(GraphBuilder b, Value v) { return b.node(v.id()); }

    private static boolean isOp(Node n, Primitive p) { return n.kind() == Node.Kind.OP && n.primitive() == p; }

    private static boolean isIdentity(int[] perm) {
        for (int i = 0; i < perm.length; i++) if (perm[i] != i) return false;
        return true;
    }

    /** True when every element of {@code v} is known to equal {@code value}. */
    static boolean isSplat(GraphBuilder b, Value v, double value) {
        Node n = producer(b, v);
        if (isOp(n, Prims.FULL)) return n.attrs().get(Keys.VALUE) == value;
        if (isOp(n, Prims.BROADCAST_TO) || isOp(n, Prims.RESHAPE)) return isSplat(b, n.inputs().get(0), value);
        if (n.kind() != Node.Kind.LITERAL || n.type().numel() > MAX_SPLAT_SCAN) return false;
        HostArray lit = n.literal();
        for (long i = 0; i < lit.numel(); i++) if (lit.getDouble(i) != value) return false;
        return lit.numel() > 0;
    }

    @Override
    public String name() { return "simplify"; }
}
