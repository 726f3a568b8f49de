package dev.triad.graph;

import dev.triad.graph.init.Initializer;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.GraphException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A TensorFlow-1 style graph under construction: placeholders, constants, variables and ops,
 * each returning a typed symbolic {@link Output}. It is an {@link Ops Ops&lt;Output&gt;}, so
 * every primitive, composite and helper of the shared algebra is available (add, matmul,
 * conv, softmax, crossEntropy, ...), plus TensorFlow's structural pieces: {@link #gradients},
 * {@link #assign}, {@link #group}, {@link #scope name scopes}.
 *
 * <p>Shapes may have unknown dimensions ({@code -1} when declaring a placeholder, printed
 * {@code ?}), typically the batch size. Shape inference runs when a node is added: a bad shape
 * or dtype throws at that call, naming the node, its inputs' shapes and the expectation. A
 * {@link Session} specialises the graph for the concrete shapes it is fed.
 *
 * <p>The graph is append-only; nodes never change once added (except their names, through
 * {@link #named}), so a session may compile parts of it while more nodes are added. Not
 * thread-safe.
 */
public final class GraphBuilder implements Ops<Output> {
    /** A name scope; closing it ends the scope. */
    public interface Scope extends AutoCloseable {
        /** Ends the scope (scopes close innermost first). */
        @Override
        void close();
    }

    private final List<Fetchable> nodes = new ArrayList<>();
    private final Map<String, Fetchable> byName = new HashMap<>();
    private final List<String> scopes = new ArrayList<>();

    /** An empty graph. */
    public GraphBuilder() {}

    // ---- structure ------------------------------------------------------------------------

    /** A placeholder named after its op; {@code -1} dimensions are unknown until fed. */
    public Output placeholder(DType dtype, long... dims) { return placeholder(FrontOps.PLACEHOLDER, dtype, dims); }

    /** A placeholder called {@code name} (inside the current scopes); {@code -1} dimensions are unknown until fed. */
    public Output placeholder(String name, DType dtype, long... dims) {
        requireNonNull(dtype, "a placeholder needs a dtype");
        return register(new Output(this, nodes.size(), uniqueName(name), FrontOps.PLACEHOLDER, Attrs.EMPTY, List.of(), dtype, PartialShape.of(dims), null));
    }

    /** A constant holding a copy of {@code value}. */
    public Output constant(HostArray value) { return constant(FrontOps.CONSTANT, value); }

    /** A constant called {@code name} holding a copy of {@code value}. */
    public Output constant(String name, HostArray value) {
        requireNonNull(value, "a constant needs a value");
        HostArray copy = HostArray.wrap(value.type(), value.bytes().clone());
        return register(new Output(this, nodes.size(), uniqueName(name), FrontOps.CONSTANT, Attrs.EMPTY, List.of(), value.dtype(),
                PartialShape.known(value.shape()), copy));
    }

    /** A trainable variable called {@code name} of {@code type}, initialised by {@code initializer}. */
    public Variable variable(String name, TensorType type, Initializer initializer) { return variable(name, type, initializer, true); }

    /**
     * A variable called {@code name} (inside the current scopes).
     *
     * @param trainable whether {@link #trainableVariables()} lists it (weights: yes; optimizer state, counters: no)
     */
    public Variable variable(String name, TensorType type, Initializer initializer, boolean trainable) {
        requireNonNull(type, "a variable needs a type");
        requireNonNull(initializer, "a variable needs an initializer");
        return register(new Variable(this, nodes.size(), uniqueName(name), type, initializer, trainable));
    }

    /**
     * Sets {@code variable} to {@code value} when a run executes this node (at the end of the
     * run: every read in the same run sees the old value). Its own value is the new value.
     */
    public Output assign(Variable variable, Output value) {
        check(variable);
        check(value);
        if (variable.dtype() != value.dtype()) {
            throw new DTypeException(FrontOps.ASSIGN, "cannot assign " + value + " to " + variable + "; expected dtype " + variable.dtype());
        }
        if (!value.shape().equals(variable.shape())) {
            throw new ShapeException(FrontOps.ASSIGN, "cannot assign " + value + " to " + variable + "; expected shape " + variable.shape());
        }
        return add(FrontOps.ASSIGN, Attrs.EMPTY, List.of(variable, value), "assign_" + lastSegment(variable.name()));
    }

    /** {@code variable += delta} as an {@link #assign}. */
    public Output assignAdd(Variable variable, Output delta) { return assign(variable, add(variable, delta)); }

    /** {@code variable -= delta} as an {@link #assign}. */
    public Output assignSub(Variable variable, Output delta) { return assign(variable, sub(variable, delta)); }

    /** An operation that runs all of {@code dependencies}, like {@code tf.group}. */
    public Operation group(String name, List<? extends Fetchable> dependencies) {
        for (Fetchable f : dependencies) check(f);
        Operation op = new Operation(this, nodes.size(), uniqueName(name), List.copyOf(dependencies));
        nodes.add(op);
        byName.put(op.name(), op);
        return op;
    }

    /** An operation that runs all of {@code dependencies}. */
    public Operation group(Fetchable... dependencies) { return group(FrontOps.GROUP, Arrays.asList(dependencies)); }

    /**
     * Symbolic gradients, like {@code tf.gradients}: the gradient of the floating scalar
     * {@code loss} with respect to each of {@code xs} (variables, placeholders or any floating
     * value), with the type of that value. The backward graph is built from the primitives'
     * VJP rules when a session specialises the graph; a value the loss does not depend on gets
     * zeros.
     */
    public List<Output> gradients(Output loss, List<? extends Output> xs) {
        check(loss);
        if (loss.rank() != 0 || !loss.dtype().isFloating()) {
            throw new ShapeException("gradients", "the loss " + loss + " is not a floating scalar; reduce it first, e.g. with mean");
        }
        List<Output> inputs = new ArrayList<>();
        inputs.add(loss);
        for (Output x : xs) {
            check(x);
            if (!x.dtype().isFloating()) throw new DTypeException("gradients", "cannot differentiate with respect to " + x + "; expected a floating type");
            inputs.add(x);
        }
        List<Output> out = new ArrayList<>(xs.size());
        try (Scope _ = scope("gradients")) {
            for (int i = 0; i < xs.size(); i++) {
                out.add(add(FrontOps.GRADIENT, Attrs.of(FrontOps.INDEX, i), inputs, lastSegment(xs.get(i).name())));
            }
        }
        return out;
    }

    // ---- generic ops ----------------------------------------------------------------------

    /**
     * Applies the front-end op called {@code op} (a primitive or a {@link FrontOps registered}
     * op) with {@code attrs}.
     */
    public Output apply(String op, Attrs attrs, Output... inputs) {
        return add(op, attrs == null ? Attrs.EMPTY : attrs, Arrays.asList(inputs), op);
    }

    /** Applies primitive {@code p}; its shape rule runs now. */
    @Override
    public Output apply(Primitive p, Attrs attrs, List<Output> inputs) {
        if (p == null) throw new GraphException("an op needs a primitive");
        // Nodes refer to ops by name (sessions look them up again), so a custom op must be the
        // registered one of its name, or another op of that name would run in its place.
        if (dev.triad.spi.prims.Prims.byName(p.name()) != p) {
            throw new GraphException("op '" + p.name() + "' is not registered under its name"
                    + " (a custom op must be registered with CustomOps.register before a graph can use it)");
        }
        return add(p.name(), attrs == null ? Attrs.EMPTY : attrs, inputs, p.name());
    }

    /**
     * The static type of {@code x}.
     *
     * @throws ShapeException when {@code x}'s shape has unknown dimensions (use {@link Output#shape()})
     */
    @Override
    public TensorType typeOf(Output x) {
        check(x);
        if (!x.shape().isFullyKnown()) {
            throw new ShapeException(x.name(), x + " has unknown dimensions, so it has no static type; this helper needs a fully known shape "
                    + "(the GraphBuilder's own methods, such as reshape(x, -1, n), accept unknown dimensions)");
        }
        return new TensorType(x.dtype(), x.shape().toShape());
    }

    @Override public DType dtype(Output x) { check(x); return x.dtype(); }
    @Override public int rank(Output x) { check(x); return x.rank(); }

    // ---- helpers that accept unknown dimensions ----------------------------------------------

    /** Reshape to {@code dims}, one of which may be {@code -1} (inferred from the element count), like {@code tf.reshape}. */
    public Output reshape(Output x, long... dims) {
        check(x);
        boolean inferred = false;
        for (long d : dims) inferred |= d == -1;
        if (!inferred && x.shape().isFullyKnown()) return reshape(x, Shape.of(dims));
        return add("dynamic_reshape", Attrs.of(FrontOps.DIMS, dims.clone()), List.of(x), "reshape");
    }

    /** Keeps axis 0 (the batch) and flattens the rest, like Keras' {@code Flatten}. */
    public Output flatten(Output x) {
        check(x);
        return add("flatten", Attrs.of(Keys.AXIS, 1), List.of(x), "flatten");
    }

    @Override
    public Output reshape(Output x, Shape shape) {
        check(x);
        if (x.shape().isFullyKnown()) return Ops.super.reshape(x, shape);
        return add("dynamic_reshape", Attrs.of(FrontOps.DIMS, shape.toArray()), List.of(x), "reshape");
    }

    @Override
    public Output zerosLike(Output x) { return fullLike(x, 0.0); }

    @Override
    public Output onesLike(Output x) { return fullLike(x, 1.0); }

    @Override
    public Output fullLike(Output x, double value) {
        check(x);
        if (x.shape().isFullyKnown()) return Ops.super.fullLike(x, value);
        return add("full_like", Attrs.of(Keys.VALUE, value), List.of(x), "full_like");
    }

    @Override
    public Output broadcastTo(Output x, Shape shape) {
        check(x);
        if (x.shape().isFullyKnown()) return Ops.super.broadcastTo(x, shape);
        return apply(dev.triad.spi.prims.Prims.BROADCAST_TO, Attrs.of(Keys.SHAPE, shape), List.of(x));
    }

    /** Broadcasts {@code x} to the (possibly partly unknown) shape of {@code like}. */
    public Output broadcastToShapeOf(Output x, Output like) {
        check(x);
        check(like);
        return add("broadcast_to_shape_of", Attrs.EMPTY, List.of(x, like), "broadcast_to");
    }

    /** Sums {@code g} down to the (possibly partly unknown) shape of {@code like}, undoing a broadcast. */
    public Output sumToShapeOf(Output g, Output like) {
        check(g);
        check(like);
        return add("sum_to_shape_of", Attrs.EMPTY, List.of(g, like), "sum_to_shape");
    }

    @Override
    public Output sliceAxis(Output x, int axis, long start, long stop) {
        check(x);
        if (x.shape().isFullyKnown()) return Ops.super.sliceAxis(x, axis, start, stop);
        return add("slice_axis", Attrs.builder().put(Keys.AXIS, axis).put(FrontOps.FROM, start).put(FrontOps.TO, stop).build(), List.of(x), "slice");
    }

    @Override
    public Output expandDims(Output x, int axis) {
        check(x);
        if (x.shape().isFullyKnown()) return Ops.super.expandDims(x, axis);
        return add("expand_dims", Attrs.of(Keys.AXIS, axis), List.of(x), "expand_dims");
    }

    @Override
    public Output squeeze(Output x, int axis) {
        check(x);
        if (x.shape().isFullyKnown()) return Ops.super.squeeze(x, axis);
        return add("squeeze", Attrs.of(Keys.AXIS, axis), List.of(x), "squeeze");
    }

    @Override
    public Output sumToShape(Output g, Shape target) {
        check(g);
        if (g.shape().isFullyKnown()) return Ops.super.sumToShape(g, target);
        throw new ShapeException("sum_to_shape", g + " has unknown dimensions; use sumToShapeOf(g, like) with a value of the target shape");
    }

    // ---- names and scopes -----------------------------------------------------------------

    /**
     * Opens a name scope: nodes added until it closes are named {@code outer/name/op}. Use with
     * try-with-resources.
     */
    public Scope scope(String name) {
        checkName(name);
        scopes.add(name);
        int depth = scopes.size();
        return () -> {
            if (scopes.size() != depth) throw new IllegalStateException("scope '" + name + "' closed out of order");
            scopes.remove(depth - 1);
        };
    }

    /**
     * Renames {@code node} to {@code name} inside the current scopes (made unique with a
     * {@code _1}, {@code _2}, ... suffix if taken); returns the node.
     */
    public <T extends Fetchable> T named(T node, String name) {
        check(node);
        checkName(name);
        byName.remove(node.name());
        String unique = uniqueName(name);
        switch (node) {
            case Output o -> o.rename(unique);
            case Operation o -> o.rename(unique);
        }
        byName.put(unique, node);
        return node;
    }

    // ---- queries --------------------------------------------------------------------------

    /** Every node, in the order added (ids). */
    public List<Fetchable> nodes() { return Collections.unmodifiableList(nodes); }

    /** Number of nodes. */
    public int size() { return nodes.size(); }

    /** Node {@code id}. */
    public Fetchable node(int id) { return nodes.get(id); }

    /** The node called {@code name}, or null. */
    public Fetchable byName(String name) { return byName.get(name); }

    /** The output called {@code name}. */
    public Output output(String name) {
        if (!(byName.get(name) instanceof Output o)) throw new GraphException("the graph has no value called '" + name + "'");
        return o;
    }

    /** Every variable, in the order created. */
    public List<Variable> variables() {
        List<Variable> out = new ArrayList<>();
        for (Fetchable f : nodes) if (f instanceof Variable v) out.add(v);
        return out;
    }

    /** The variables optimizers update by default. */
    public List<Variable> trainableVariables() {
        List<Variable> out = new ArrayList<>();
        for (Variable v : variables()) if (v.trainable()) out.add(v);
        return out;
    }

    /** Every placeholder, in the order created. */
    public List<Output> placeholders() {
        List<Output> out = new ArrayList<>();
        for (Fetchable f : nodes) if (f instanceof Output o && o.isPlaceholder()) out.add(o);
        return out;
    }

    // ---- internals ------------------------------------------------------------------------

    /** Adds a node of front-end op {@code opName}, inferring its type now. */
    Output add(String opName, Attrs attrs, List<Output> inputs, String baseName) {
        FrontOp op = FrontOps.byName(opName);
        if (op == null) throw new GraphException("unknown op '" + opName + "'; expected a primitive or a registered front-end op");
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) == null) throw new GraphException("input " + i + " of " + opName + " is null");
            check(inputs.get(i));
        }
        String name = uniqueName(baseName);
        TypeInference.Result r = TypeInference.infer(op, attrs, inputs, name);
        return register(new Output(this, nodes.size(), name, opName, attrs, inputs, r.dtype(), r.shape(), null));
    }

    /** Re-adds a placeholder read from a saved graph, with its exact name. */
    Output restorePlaceholder(String exactName, DType dtype, PartialShape shape) {
        return register(new Output(this, nodes.size(), fresh(exactName), FrontOps.PLACEHOLDER, Attrs.EMPTY, List.of(), dtype, shape, null));
    }

    /** Re-adds a constant read from a saved graph, with its exact name. */
    Output restoreConstant(String exactName, HostArray value) {
        return register(new Output(this, nodes.size(), fresh(exactName), FrontOps.CONSTANT, Attrs.EMPTY, List.of(), value.dtype(),
                PartialShape.known(value.shape()), value));
    }

    /** Re-adds a variable read from a saved graph, with its exact name. */
    Variable restoreVariable(String exactName, TensorType type, Initializer init, boolean trainable) {
        return register(new Variable(this, nodes.size(), fresh(exactName), type, init, trainable));
    }

    /** Re-adds a group read from a saved graph, with its exact name. */
    Operation restoreGroup(String exactName, List<Fetchable> dependencies) {
        Operation op = new Operation(this, nodes.size(), fresh(exactName), dependencies);
        nodes.add(op);
        byName.put(op.name(), op);
        return op;
    }

    private String fresh(String exactName) {
        checkName(exactName);
        if (byName.containsKey(exactName)) throw new GraphException("duplicate node name '" + exactName + "'");
        return exactName;
    }

    /** Re-adds a node read from a saved graph, with its exact name. */
    Output restore(String opName, Attrs attrs, List<Output> inputs, String exactName) {
        fresh(exactName);
        FrontOp op = FrontOps.byName(opName);
        if (op == null) throw new GraphException("unknown op '" + opName + "'; expected a primitive or a registered front-end op");
        TypeInference.Result r = TypeInference.infer(op, attrs, inputs, exactName);
        return register(new Output(this, nodes.size(), exactName, opName, attrs, inputs, r.dtype(), r.shape(), null));
    }

    private <T extends Output> T register(T out) {
        nodes.add(out);
        byName.put(out.name(), out);
        return out;
    }

    /** {@code name} inside the current scopes, with a numeric suffix if already taken. */
    private String uniqueName(String name) {
        checkName(name);
        String base = scopes.isEmpty() ? name : String.join("/", scopes) + "/" + name;
        if (!byName.containsKey(base)) return base;
        for (int i = 1; ; i++) {
            String candidate = base + "_" + i;
            if (!byName.containsKey(candidate)) return candidate;
        }
    }

    private static String lastSegment(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("a name must not be empty");
        if (name.contains("\"") || name.contains("\n")) throw new IllegalArgumentException("a name must not contain quotes or line breaks: " + name);
    }

    private static void requireNonNull(Object o, String message) {
        if (o == null) throw new GraphException(message);
    }

    /** Checks that {@code f} belongs to this graph. */
    void check(Fetchable f) {
        if (f == null) throw new GraphException("a node is null");
        if (f.graph() != this) throw new GraphException("node '" + f.name() + "' belongs to another graph");
    }
}
