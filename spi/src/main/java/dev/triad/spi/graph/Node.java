package dev.triad.spi.graph;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable node of a {@link Graph}: a parameter, a literal constant or the application of
 * a primitive. Equality is structural (id, kind, type, primitive, attributes, inputs, literal
 * bits, parameter index); the optional name is for messages only and takes no part in it.
 *
 * <p>{@link GraphBuilder} makes nodes with checked types; passes that assemble nodes directly
 * use the factories here and run {@link GraphVerifier} on the result.
 */
public final class Node {
    /** What a node is. */
    public enum Kind {
        /** A graph input, with its position in the graph's signature. */ PARAMETER,
        /** A constant tensor held in the graph. */ LITERAL,
        /** A primitive applied to earlier values. */ OP
    }

    private final int id;
    private final Kind kind;
    private final TensorType type;
    private final int parameterIndex;
    private final HostArray literal;
    private final Primitive primitive;
    private final Attrs attrs;
    private final List<Value> inputs;
    private final String name;
    private int hash;

    private Node(int id, Kind kind, TensorType type, int parameterIndex, HostArray literal,
                 Primitive primitive, Attrs attrs, List<Value> inputs, String name) {
        if (id < 0) throw new IllegalArgumentException("negative node id " + id);
        this.id = id;
        this.kind = kind;
        this.type = Objects.requireNonNull(type, "type");
        this.parameterIndex = parameterIndex;
        this.literal = literal;
        this.primitive = primitive;
        this.attrs = attrs;
        this.inputs = inputs;
        this.name = name;
    }

    /** Parameter number {@code index} of the graph, defined at node {@code id}. */
    public static Node parameter(int id, int index, TensorType type) {
        if (index < 0) throw new IllegalArgumentException("negative parameter index " + index);
        return new Node(id, Kind.PARAMETER, type, index, null, null, Attrs.EMPTY, List.of(), null);
    }

    /** A literal holding a copy of {@code value}; its type is the array's. */
    public static Node literal(int id, HostArray value) {
        return literalShared(id, copy(value), null);
    }

    /** A literal that takes {@code value} as is; only for arrays nobody else can modify. */
    static Node literalShared(int id, HostArray value, String name) {
        return new Node(id, Kind.LITERAL, value.type(), -1, value, null, Attrs.EMPTY, List.of(), name);
    }

    /**
     * {@code primitive} applied to {@code inputs}, declared to have {@code type}. Nothing is
     * checked here; {@link GraphVerifier} checks the type against the shape rule.
     */
    public static Node op(int id, Primitive primitive, Attrs attrs, List<Value> inputs, TensorType type) {
        Objects.requireNonNull(primitive, "primitive");
        Objects.requireNonNull(attrs, "attrs");
        return new Node(id, Kind.OP, type, -1, null, primitive, attrs, List.copyOf(inputs), null);
    }

    /** This node with another name ({@code null} for none). */
    public Node withName(String newName) {
        return new Node(id, kind, type, parameterIndex, literal, primitive, attrs, inputs, newName);
    }

    private static HostArray copy(HostArray a) {
        return HostArray.wrap(a.type(), a.bytes().clone());
    }

    /** The node's id: its position in the graph. */
    public int id() { return id; }

    /** What the node is. */
    public Kind kind() { return kind; }

    /** The type of the node's result. */
    public TensorType type() { return type; }

    /** A reference to the node's result. */
    public Value value() { return new Value(id, type); }

    /** The values this node reads, in order (empty unless an op). */
    public List<Value> inputs() { return inputs; }

    /** The primitive of an op node. */
    public Primitive primitive() {
        require(Kind.OP);
        return primitive;
    }

    /** The attributes of an op node ({@link Attrs#EMPTY} for other kinds). */
    public Attrs attrs() { return attrs; }

    /** A copy of a literal node's value. */
    public HostArray literal() {
        require(Kind.LITERAL);
        return copy(literal);
    }

    /** The literal's value without a copy: callers in this package only read it. */
    HostArray literalData() {
        require(Kind.LITERAL);
        return literal;
    }

    /** The position of a parameter node in the graph's signature. */
    public int parameterIndex() {
        require(Kind.PARAMETER);
        return parameterIndex;
    }

    /** The node's name (scopes joined by {@code /}), if it was given one. */
    public Optional<String> name() { return Optional.ofNullable(name); }

    private void require(Kind k) {
        if (kind != k) throw new IllegalStateException("node %" + id + " is a " + kind + " node, not " + k);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Node n)) return false;
        return id == n.id && kind == n.kind && type.equals(n.type) && parameterIndex == n.parameterIndex
                && primitive == n.primitive && attrs.equals(n.attrs) && inputs.equals(n.inputs)
                && (literal == null ? n.literal == null : n.literal != null && Arrays.equals(literal.bytes(), n.literal.bytes()));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            // Primitives are singletons, so their name hashes them; literal bytes make large graphs slow to hash once, then cached.
            h = Objects.hash(id, kind, type, parameterIndex, primitive == null ? null : primitive.name(), attrs, inputs);
            if (literal != null) h = 31 * h + Arrays.hashCode(literal.bytes());
            if (h == 0) h = 1;
            hash = h;
        }
        return h;
    }

    /** The node in the text form; literals of more than 16 elements are elided (use {@link GraphText#print(Node)} for all). */
    @Override
    public String toString() { return GraphPrinter.node(this, 16); }
}
