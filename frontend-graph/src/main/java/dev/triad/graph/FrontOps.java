package dev.triad.graph;

import dev.triad.spi.error.ShapeException;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.Value;
import dev.triad.spi.ops.Attr;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The table of front-end ops, keyed by name: every primitive of {@link Prims}, the structural
 * ops (placeholder, constant, variable, assign, gradient, group), and the shape-polymorphic
 * helpers whose attributes are resolved against concrete shapes when a graph is specialised.
 * Custom ops can be {@linkplain #register registered}; a saved graph that uses one loads only
 * where it is registered too.
 */
public final class FrontOps {
    private FrontOps() {}

    /** A value fed at run time. */
    public static final String PLACEHOLDER = "placeholder";
    /** A constant held in the graph. */
    public static final String CONSTANT = "constant";
    /** A variable read. */
    public static final String VARIABLE = "variable";
    /** (variable, value): sets the variable to value when run; its own value is the new value. */
    public static final String ASSIGN = "assign";
    /** (loss, x0, x1, ...) {index}: the gradient of the scalar loss with respect to x_index. */
    public static final String GRADIENT = "gradient";
    /** An {@link Operation} grouping other nodes. */
    public static final String GROUP = "group";

    /** Target dimensions of {@code dynamic_reshape}; at most one is -1 (inferred). */
    public static final Attr<long[]> DIMS = Attr.ofLongs("dims");
    /** Which of the requested gradients a {@code gradient} node is. */
    public static final Attr<Integer> INDEX = Attr.ofInt("index");
    /** First index of {@code slice_axis}; negative counts from the end. */
    public static final Attr<Long> FROM = Attr.ofLong("from");
    /** End index (exclusive) of {@code slice_axis}; negative counts from the end. */
    public static final Attr<Long> TO = Attr.ofLong("to");

    private static final Map<String, FrontOp> TABLE = new ConcurrentHashMap<>();

    static {
        Lowering structural = (ctx, in, a) -> {
            throw new IllegalStateException("structural nodes are lowered by the session itself");
        };
        for (String s : List.of(PLACEHOLDER, CONSTANT, VARIABLE, GROUP)) put(new FrontOp(s, List.of(), structural));
        put(new FrontOp(ASSIGN, List.of(), (ctx, in, a) -> in.get(1)));
        put(new FrontOp(GRADIENT, List.of(INDEX), (ctx, in, a) -> {
            List<Value> key = List.copyOf(in);
            List<Value> grads = ctx.memo(key, () -> SymbolicGradients.of(ctx.builder(), in.get(0), in.subList(1, in.size())));
            return grads.get(a.get(INDEX));
        }));
        put(new FrontOp("dynamic_reshape", List.of(DIMS), (ctx, in, a) -> ctx.builder().reshape(in.get(0), resolve(in.get(0), a.get(DIMS)))));
        put(new FrontOp("full_like", List.of(Keys.VALUE), (ctx, in, a) -> ctx.builder().fullLike(in.get(0), a.get(Keys.VALUE))));
        put(new FrontOp("sum_to_shape_of", List.of(), (ctx, in, a) -> ctx.builder().sumToShape(in.get(0), in.get(1).type().shape())));
        put(new FrontOp("broadcast_to_shape_of", List.of(), (ctx, in, a) -> ctx.builder().broadcastTo(in.get(0), in.get(1).type().shape())));
        put(new FrontOp("broadcast_like", List.of(), (ctx, in, a) -> ctx.builder().broadcastLike(in.get(0), in.get(1).type().shape())));
        put(new FrontOp("expand_dims", List.of(Keys.AXIS), (ctx, in, a) -> ctx.builder().expandDims(in.get(0), a.get(Keys.AXIS))));
        put(new FrontOp("squeeze", List.of(Keys.AXIS), (ctx, in, a) -> squeeze(ctx.builder(), in.get(0), a.get(Keys.AXIS))));
        put(new FrontOp("slice_axis", List.of(Keys.AXIS, FROM, TO), (ctx, in, a) -> sliceAxis(ctx.builder(), in.get(0), a.get(Keys.AXIS), a.get(FROM), a.get(TO))));
        put(new FrontOp("flatten", List.of(Keys.AXIS), (ctx, in, a) -> flatten(ctx.builder(), in.get(0), a.get(Keys.AXIS))));
    }

    private static void put(FrontOp op) { TABLE.put(op.name(), op); }

    /**
     * Adds a custom op.
     *
     * @throws IllegalArgumentException when the name is taken (by a primitive or another op)
     */
    public static void register(FrontOp op) {
        if (Prims.byName(op.name()) != null || TABLE.putIfAbsent(op.name(), op) != null) {
            throw new IllegalArgumentException("a front-end op called '" + op.name() + "' already exists");
        }
    }

    /** The op called {@code name} (a primitive or a front-end op), or null. */
    public static FrontOp byName(String name) {
        FrontOp op = TABLE.get(name);
        if (op != null) return op;
        Primitive p = Prims.byName(name);
        return p == null ? null : forPrimitive(p);
    }

    /** The front-end op that applies primitive {@code p}. */
    public static FrontOp forPrimitive(Primitive p) {
        return new FrontOp(p.name(), p.attrs(), (ctx, in, a) -> ctx.builder().apply(p, a, in));
    }

    /** {@code dims} with its {@code -1} replaced by what makes the element count of {@code x} fit. */
    static Shape resolve(Value x, long[] dims) {
        Shape s = x.type().shape();
        long known = 1;
        int inferred = -1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) {
                if (inferred >= 0) throw new ShapeException("reshape", "target " + text(dims) + " has more than one -1; expected at most one");
                inferred = i;
            } else if (dims[i] < 0) {
                throw new ShapeException("reshape", "target " + text(dims) + " has a negative size; expected sizes >= 0 and at most one -1");
            } else {
                known = Math.multiplyExact(known, dims[i]);
            }
        }
        long[] out = dims.clone();
        if (inferred >= 0) {
            if (known == 0 || s.numel() % known != 0) {
                throw new ShapeException("reshape", "cannot reshape " + x.type() + " (" + s.numel() + " elements) to " + text(dims)
                        + "; expected the element count to be a multiple of " + known);
            }
            out[inferred] = s.numel() / known;
        }
        return Shape.of(out);
    }

    private static String text(long[] dims) { return PartialShape.of(dims).toString().replace("?", "-1"); }

    private static Value squeeze(GraphBuilder b, Value x, int axis) {
        Shape s = x.type().shape();
        int ax = axis < 0 ? axis + s.rank() : axis;
        if (ax < 0 || ax >= s.rank() || s.dim(ax) != 1) {
            throw new ShapeException("squeeze", "cannot remove axis " + axis + " of " + x.type() + "; expected an axis of size 1");
        }
        return b.squeeze(x, ax);
    }

    private static Value sliceAxis(GraphBuilder b, Value x, int axis, long from, long to) {
        Shape s = x.type().shape();
        int ax = axis < 0 ? axis + s.rank() : axis;
        if (ax < 0 || ax >= s.rank()) throw new ShapeException("slice_axis", "axis " + axis + " is out of range for " + x.type());
        long d = s.dim(ax);
        long lo = from < 0 ? from + d : from, hi = to < 0 ? to + d : to;
        if (lo < 0 || hi > d || lo > hi) {
            throw new ShapeException("slice_axis", "range [" + from + ", " + to + ") does not fit axis " + ax + " of " + x.type());
        }
        return b.sliceAxis(x, ax, lo, hi);
    }

    private static Value flatten(GraphBuilder b, Value x, int axis) {
        Shape s = x.type().shape();
        if (axis < 0 || axis > s.rank()) throw new ShapeException("flatten", "axis " + axis + " is out of range for " + x.type());
        List<Long> dims = new ArrayList<>();
        long rest = 1;
        for (int i = 0; i < s.rank(); i++) {
            if (i < axis) dims.add(s.dim(i));
            else rest = Math.multiplyExact(rest, s.dim(i));
        }
        dims.add(rest);
        return b.reshape(x, Shape.of(dims.stream().mapToLong(Long::longValue).toArray()));
    }
}
