package dev.triad.spi.types;

/**
 * The static type of a value in the op IR: element type and shape.
 *
 * @param dtype element type
 * @param shape dimensions
 */
public record TensorType(DType dtype, Shape shape) {
    /** Creates a type; both parts are required. */
    public TensorType {
        if (dtype == null || shape == null) throw new IllegalArgumentException("dtype and shape are required");
    }

    /** Shorthand for {@code new TensorType(dtype, Shape.of(dims))}. */
    public static TensorType of(DType dtype, long... dims) {
        return new TensorType(dtype, Shape.of(dims));
    }

    /** Number of dimensions. */
    public int rank() { return shape.rank(); }

    /** Number of elements. */
    public long numel() { return shape.numel(); }

    /** Bytes a contiguous tensor of this type occupies. */
    public long byteSize() { return Math.multiplyExact(numel(), dtype.byteSize()); }

    /** This type with another element type. */
    public TensorType withDType(DType d) { return new TensorType(d, shape); }

    /** This type with another shape. */
    public TensorType withShape(Shape s) { return new TensorType(dtype, s); }

    /** Parses the text form {@code f32[2,3]}. */
    public static TensorType parse(String text) {
        String t = text.trim();
        int b = t.indexOf('[');
        if (b < 0) throw new IllegalArgumentException("expected a type like f32[2,3], got '" + text + "'");
        return new TensorType(DType.parse(t.substring(0, b)), Shape.parse(t.substring(b)));
    }

    /** The text form {@code f32[2,3]}. */
    @Override
    public String toString() { return dtype.shortName() + shape; }
}
