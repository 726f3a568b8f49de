package dev.triad.spi.graph;

import dev.triad.spi.types.TensorType;

/**
 * A reference to the result of one node: its id and type. Values are equal when id and type
 * are; a {@link GraphBuilder} additionally accepts only the handles it made itself, so that a
 * value of one graph is never wired into another by mistake.
 */
public final class Value {
    private final int id;
    private final TensorType type;

    /**
     * A reference to node {@code id} of type {@code type}. Passes that assemble nodes directly
     * use this; builders hand out their own handles.
     */
    public Value(int id, TensorType type) {
        if (id < 0) throw new IllegalArgumentException("negative value id " + id);
        if (type == null) throw new IllegalArgumentException("a value needs a type");
        this.id = id;
        this.type = type;
    }

    /** The id of the node that defines this value. */
    public int id() { return id; }

    /** The value's type. */
    public TensorType type() { return type; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Value v && v.id == id && v.type.equals(type);
    }

    @Override
    public int hashCode() { return 31 * id + type.hashCode(); }

    /** The text form {@code %3}. */
    @Override
    public String toString() { return "%" + id; }
}
