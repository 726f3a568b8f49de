package dev.triad.spi.graph;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.GraphException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The mutable side of {@link Graph}: adds parameters, literals and ops in order and hands out
 * {@link Value} handles; {@link #build} freezes it into an immutable graph.
 *
 * <p>Every op's result type comes from its primitive's shape rule when it is added, so a bad
 * shape, dtype, arity or attribute throws the primitive's typed exception at the call that
 * made the mistake. Because the builder is an {@link Ops Ops&lt;Value&gt;}, every helper and
 * every derivative and batching rule written against {@code Ops} emits graph nodes through it;
 * that is how symbolic gradients of a graph are built.
 *
 * <p>Names are optional and only for messages: inside {@link #scope} nodes are named
 * {@code scope/path/op}, and {@link #named} names one node. Not thread-safe.
 */
public final class GraphBuilder implements Ops<Value> {
    /** A name scope; closing it ends the scope. */
    public interface Scope extends AutoCloseable {
        /** Ends the scope (scopes must close innermost first). */
        @Override
        void close();
    }

    private final List<Node> nodes = new ArrayList<>();
    // The handles given out, by id: a value is accepted only if it is the very handle made here.
    private final List<Value> handles = new ArrayList<>();
    private final List<String> scopes = new ArrayList<>();
    private int parameterCount;
    private boolean frozen;

    /** An empty builder. */
    public GraphBuilder() {}

    /** Adds the next parameter of the graph's signature. */
    public Value parameter(TensorType type) {
        checkOpen();
        if (type == null) throw new GraphException("a parameter needs a type");
        return add(Node.parameter(nodes.size(), parameterCount++, type), "parameter");
    }

    /** Adds a literal holding a copy of {@code value} (later changes to the array do not reach the graph). */
    public Value literal(HostArray value) {
        checkOpen();
        if (value == null) throw new GraphException("a literal needs a value");
        return add(Node.literal(nodes.size(), value), "literal");
    }

    /** Adds {@code primitive} applied to {@code inputs}; the result type comes from its shape rule. */
    public Value op(Primitive primitive, Attrs attrs, Value... inputs) {
        return apply(primitive, attrs, Arrays.asList(inputs));
    }

    /**
     * Adds {@code p} applied to {@code inputs} after running its shape rule.
     *
     * @throws dev.triad.spi.error.TriadException the primitive's typed error (shape, dtype,
     *     arity, attribute) naming the op, when the inputs or attributes are invalid
     */
    @Override
    public Value apply(Primitive p, Attrs attrs, List<Value> inputs) {
        checkOpen();
        if (p == null) throw new GraphException("an op node needs a primitive");
        Attrs a = attrs == null ? Attrs.EMPTY : attrs;
        List<TensorType> types = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Value v = inputs.get(i);
            if (v == null) throw new GraphException("input " + i + " of " + p.name() + " is null");
            check(v);
            types.add(v.type());
        }
        TensorType result = p.inferType(types, a);
        return add(Node.op(nodes.size(), p, a, inputs, result), p.name());
    }

    /** The type of {@code value}, which must come from this builder. */
    @Override
    public TensorType typeOf(Value value) {
        check(value);
        return value.type();
    }

    /**
     * Adds a node like {@code node} (any kind, with its name) reading {@code inputs} instead of
     * its own: the step passes use to rebuild a graph. Parameters keep their order only if
     * they are copied in order.
     */
    public Value copy(Node node, List<Value> inputs) {
        checkOpen();
        Value v = switch (node.kind()) {
            case PARAMETER -> parameter(node.type());
            case LITERAL -> add(Node.literalShared(nodes.size(), node.literalData(), null), "literal");
            case OP -> apply(node.primitive(), node.attrs(), inputs);
        };
        if (node.name().isPresent()) rename(v.id(), node.name().get());
        return v;
    }

    /** The handle of node {@code id}. */
    public Value value(int id) { return handles.get(id); }

    /** Node {@code id} as added so far. */
    public Node node(int id) { return nodes.get(id); }

    /** Number of nodes added. */
    public int size() { return nodes.size(); }

    /**
     * Opens a name scope: nodes added until it closes are named {@code outer/name/op}.
     * Use with try-with-resources.
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

    /** Names the node of {@code value} {@code name} (inside the current scopes); returns the value. */
    public Value named(Value value, String name) {
        checkOpen();
        check(value);
        checkName(name);
        rename(value.id(), prefixed(name));
        return value;
    }

    /** Freezes the builder and returns the graph with these outputs. */
    public Graph build(Value... outputs) { return build(Arrays.asList(outputs)); }

    /** Freezes the builder and returns the graph with these outputs. */
    public Graph build(List<Value> outputs) {
        Graph g = snapshot(outputs);
        frozen = true;
        return g;
    }

    /**
     * The graph so far with these outputs, leaving the builder open for more nodes (for a
     * front-end that keeps growing one graph and compiles parts of it as it goes).
     */
    public Graph snapshot(List<Value> outputs) {
        checkOpen();
        for (Value v : outputs) {
            if (v == null) throw new GraphException("an output is null");
            check(v);
        }
        return Graph.of(nodes, outputs);
    }

    private Value add(Node node, String what) {
        if (!scopes.isEmpty()) node = node.withName(prefixed(what));
        nodes.add(node);
        Value v = new Value(node.id(), node.type());
        handles.add(v);
        return v;
    }

    /** Sets the name of node {@code id} exactly (no scope prefix); the parser and {@link #copy} use it. */
    void rename(int id, String name) {
        nodes.set(id, nodes.get(id).withName(name));
    }

    private String prefixed(String name) {
        return scopes.isEmpty() ? name : String.join("/", scopes) + "/" + name;
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("a name must not be empty");
    }

    private void check(Value v) {
        if (v.id() >= handles.size() || handles.get(v.id()) != v) {
            throw new GraphException("value " + v + " (" + v.type() + ") was not made by this GraphBuilder");
        }
    }

    private void checkOpen() {
        if (frozen) throw new IllegalStateException("this GraphBuilder was frozen by build(); use snapshot() to keep building");
    }
}
