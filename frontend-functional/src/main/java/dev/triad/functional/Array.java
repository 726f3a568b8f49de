package dev.triad.functional;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

/**
 * An immutable n-dimensional array, the value every function of this front-end takes and
 * returns. Outside transformations it is concrete: it holds device memory on a backend.
 * Inside {@code grad}, {@code jvp}, {@code vmap} or {@code jit} the function sees tracers
 * instead, which have a type but no value the function may read; operations on either kind
 * are the same calls to {@link np} and {@link nn}.
 *
 * <p>Concrete arrays hold device memory until closed. Inside a {@link Scope} they are closed
 * with it (unless kept); transformations free their own intermediates. Closing a tracer does
 * nothing.
 *
 * <p>The few instance methods are shorthands for the {@link np} functions of the same name,
 * standing in for the operators Java lacks.
 */
public final class Array implements AutoCloseable {
    private final Trace trace;
    private final TensorType type;
    private final Object payload;

    /** A value of {@code trace} with logical type {@code type}; {@code payload} is the trace's own data. */
    Array(Trace trace, TensorType type, Object payload) {
        this.trace = trace;
        this.type = type;
        this.payload = payload;
    }

    /** The trace this value belongs to. */
    Trace trace() { return trace; }

    /** The trace's data for this value (a device array for concrete values). */
    Object payload() { return payload; }

    /** The device array of a concrete value. */
    DeviceArray device() {
        if (!(payload instanceof DeviceArray d)) throw concretization("read its device memory");
        return d;
    }

    /** Element type and shape. */
    public TensorType type() { return type; }

    /** Shape. */
    public Shape shape() { return type.shape(); }

    /** Element type. */
    public DType dtype() { return type.dtype(); }

    /** Number of dimensions. */
    public int ndim() { return type.rank(); }

    /** Number of elements. */
    public long size() { return type.numel(); }

    /** True when this is a concrete value (not a tracer inside a transformation). */
    public boolean isConcrete() { return trace == EvalTrace.INSTANCE; }

    /**
     * Copies the value to the host.
     *
     * @throws TriadException inside a transformation, where the value is not known yet
     */
    public HostArray toHost() {
        DeviceArray d = device();
        return d.backend().download(d);
    }

    /** The elements, row-major, as floats. */
    public float[] toFloatArray() { return toHost().toFloats(); }

    /** The elements, row-major, as doubles. */
    public double[] toDoubleArray() { return toHost().toDoubles(); }

    /** The elements, row-major, as longs. */
    public long[] toLongArray() { return toHost().toLongs(); }

    /** The value of a one-element array. */
    public double item() {
        if (type.numel() != 1) throw new TriadException("item", "the array has type " + type + "; expected exactly one element");
        return toHost().getDouble(0);
    }

    /** Releases the device memory of a concrete value (idempotent); does nothing for tracers. */
    @Override
    public void close() {
        if (payload instanceof DeviceArray d) d.close();
    }

    /** True when a concrete value was closed. */
    public boolean isClosed() { return payload instanceof DeviceArray d && d.isClosed(); }

    private TriadException concretization(String what) {
        return new TriadException("concretize", "cannot " + what + " of a value traced by " + trace.name() + " (" + type
                + "): inside a transformation the function sees abstract values; compute with np/nn functions instead"
                + " of reading values, or move the read outside the transformation");
    }

    // ---- operator shorthands ------------------------------------------------------------------

    /** {@code np.add(this, y)}. */ public Array add(Array y) { return np.add(this, y); }
    /** {@code np.add(this, y)}. */ public Array add(double y) { return np.add(this, y); }
    /** {@code np.subtract(this, y)}. */ public Array sub(Array y) { return np.subtract(this, y); }
    /** {@code np.subtract(this, y)}. */ public Array sub(double y) { return np.subtract(this, y); }
    /** {@code np.multiply(this, y)}. */ public Array mul(Array y) { return np.multiply(this, y); }
    /** {@code np.multiply(this, y)}. */ public Array mul(double y) { return np.multiply(this, y); }
    /** {@code np.divide(this, y)}. */ public Array div(Array y) { return np.divide(this, y); }
    /** {@code np.divide(this, y)}. */ public Array div(double y) { return np.divide(this, y); }
    /** {@code np.power(this, y)}. */ public Array pow(double y) { return np.power(this, y); }
    /** {@code np.negative(this)}. */ public Array neg() { return np.negative(this); }
    /** {@code np.matmul(this, y)}. */ public Array matmul(Array y) { return np.matmul(this, y); }
    /** {@code np.reshape(this, shape)}. */ public Array reshape(long... shape) { return np.reshape(this, shape); }
    /** {@code np.transpose(this)}. */ public Array T() { return np.transpose(this); }
    /** {@code np.astype(this, dtype)}. */ public Array astype(DType dtype) { return np.astype(this, dtype); }
    /** {@code np.sum(this)}. */ public Array sum() { return np.sum(this); }
    /** {@code np.mean(this)}. */ public Array mean() { return np.mean(this); }

    /**
     * A short description; concrete arrays with at most 64 elements show their values, e.g.
     * {@code Array(f32[3], [1.0, 2.0, 3.0])}.
     */
    @Override
    public String toString() {
        if (!(payload instanceof DeviceArray d)) return "Traced<" + trace.name() + ">" + type;
        if (d.isClosed()) return "Array(" + type + ", closed)";
        if (type.numel() > 64) return "Array(" + type + ")";
        HostArray h = toHost();
        StringBuilder b = new StringBuilder("Array(").append(type).append(", [");
        for (long i = 0; i < h.numel(); i++) {
            if (i > 0) b.append(", ");
            b.append(type.dtype().isFloating() ? String.valueOf(h.getDouble(i)) : String.valueOf(h.getLong(i)));
        }
        return b.append("])").toString();
    }
}
