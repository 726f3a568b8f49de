package dev.triad.spi.graph.passes;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.BackendOps;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.GraphPass;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates ops whose inputs are all constants, on a {@link Backend} (normally the one the graph
 * will run on, so a folded value has exactly the bits the backend would have computed at run
 * time). A constant is a literal or a {@code full}/{@code iota} node.
 *
 * <ul>
 *   <li>An elementwise op of {@code full} nodes only becomes one {@code full} node (its value
 *       computed once, on scalars), so {@code full(2) * full(3)} folds to {@code full(6)} of any
 *       size without materialising anything. This happens only when the value is exact as the
 *       double a {@code full} attribute holds.</li>
 *   <li>Any other op becomes a literal, when the result and every input have at most
 *       {@code maxElements} elements: the cap keeps huge constants out of graphs.</li>
 *   <li>{@code broadcast_to} is never folded (it is a free view; folding would only
 *       materialise it), nor are {@code full} and {@code iota} themselves.</li>
 *   <li>An op the backend cannot run, or whose evaluation fails (an index out of range, say),
 *       stays as it is, so the error appears when the graph runs, where it belongs.</li>
 *   <li>Custom ops are never folded: the user's kernel runs when the graph runs.</li>
 * </ul>
 */
public final class ConstantFolding implements GraphPass {
    /** The default cap on the elements of a folded literal. */
    public static final long DEFAULT_MAX_ELEMENTS = 4096;

    private final Backend backend;
    private final long maxElements;

    /** Folds on {@code backend} with the default cap. */
    public ConstantFolding(Backend backend) { this(backend, DEFAULT_MAX_ELEMENTS); }

    /**
     * Folds on {@code backend}.
     *
     * @param maxElements the most elements a folded literal (and each of its inputs) may have
     */
    public ConstantFolding(Backend backend, long maxElements) {
        if (backend == null) throw new IllegalArgumentException("constant folding needs a backend to evaluate on");
        if (maxElements < 1) throw new IllegalArgumentException("maxElements must be positive, got " + maxElements);
        this.backend = backend;
        this.maxElements = maxElements;
    }

    @Override
    public Graph apply(Graph graph) {
        return Rewriter.rewrite(graph, (b, node, inputs) -> node.kind() == Node.Kind.OP ? fold(b, node, inputs) : null);
    }

    private Value fold(GraphBuilder b, Node node, List<Value> inputs) {
        Primitive p = node.primitive();
        // Custom ops run the user's kernel when the graph runs, never at compile time: the kernel
        // may record how it ran (Aparapi's execution mode), which folding would misattribute.
        if (inputs.isEmpty() || p == Prims.BROADCAST_TO || p.category() == Primitive.Category.CUSTOM) return null;
        boolean allSplats = true;
        for (Value v : inputs) {
            Node producer = b.node(v.id());
            if (!isConstant(producer)) return null;
            allSplats &= isFull(producer);
        }
        try {
            if (allSplats && p.isElementwise()) return foldSplat(b, node, inputs);
            if (node.type().numel() > maxElements) return null;
            for (Value v : inputs) if (v.type().numel() > maxElements) return null;
            HostArray result = evaluate(b, node, inputs, false);
            return name(b, b.literal(result), node);
        } catch (TriadException e) {
            return null;
        }
    }

    private Value foldSplat(GraphBuilder b, Node node, List<Value> inputs) {
        HostArray scalar = evaluate(b, node, inputs, true);
        DType t = node.type().dtype();
        double value;
        if (t.isFloating() || t == DType.BOOL) {
            value = scalar.getDouble(0);
        } else {
            long l = scalar.getLong(0);
            value = l;
            if ((long) value != l) return null;
        }
        Attrs attrs = Attrs.of(Keys.SHAPE, node.type().shape(), Keys.DTYPE, t, Keys.VALUE, value);
        return name(b, b.apply(Prims.FULL, attrs, List.of()), node);
    }

    /** Runs {@code node} on its constant inputs; with {@code scalars}, every (splat) input as a scalar. */
    private HostArray evaluate(GraphBuilder b, Node node, List<Value> inputs, boolean scalars) {
        try (BackendOps ops = new BackendOps(backend)) {
            List<DeviceArray> args = new ArrayList<>(inputs.size());
            for (Value v : inputs) {
                Node producer = b.node(v.id());
                if (producer.kind() == Node.Kind.LITERAL) {
                    args.add(ops.upload(producer.literal()));
                } else {
                    Attrs a = producer.attrs();
                    if (scalars) a = a.with(Keys.SHAPE, Shape.SCALAR);
                    args.add(ops.apply(producer.primitive(), a, List.of()));
                }
            }
            DeviceArray r = ops.apply(node.primitive(), node.attrs(), args);
            TensorType want = scalars ? node.type().withShape(Shape.SCALAR) : node.type();
            if (!r.type().equals(want)) throw new IllegalStateException("folding `" + node + "` gave " + r.type());
            return backend.download(r);
        }
    }

    private static Value name(GraphBuilder b, Value v, Node node) {
        return node.name().isPresent() ? b.named(v, node.name().get()) : v;
    }

    private static boolean isFull(Node n) {
        return n.kind() == Node.Kind.OP && n.primitive() == Prims.FULL;
    }

    private boolean isConstant(Node n) {
        if (n.kind() == Node.Kind.LITERAL) return true;
        return n.kind() == Node.Kind.OP && (n.primitive() == Prims.FULL || n.primitive() == Prims.IOTA)
                && (n.primitive() == Prims.FULL || n.type().numel() <= maxElements);
    }

    @Override
    public String name() { return "constant-folding"; }
}
