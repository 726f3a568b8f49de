package dev.triad.spi.backend;

import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A strided view of a device {@link Buffer}: element offset, shape and element strides (0 for
 * broadcast dimensions, negative for flipped ones). Views share the buffer; each view holds one
 * reference, dropped once by {@link #close()} (idempotent).
 */
public final class DeviceArray implements AutoCloseable {
    private final Backend backend;
    private final Buffer buffer;
    private final long offset;
    private final TensorType type;
    private final long[] strides;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A view that takes over one reference of {@code buffer} (the caller's).
     *
     * @param backend the backend whose device holds the buffer
     * @param buffer the storage
     * @param offset first element, in elements
     * @param type dtype and shape
     * @param strides element strides per dimension
     */
    public DeviceArray(Backend backend, Buffer buffer, long offset, TensorType type, long[] strides) {
        if (strides.length != type.rank()) throw new IllegalArgumentException("strides " + Arrays.toString(strides) + " do not match " + type);
        this.backend = backend;
        this.buffer = buffer;
        this.offset = offset;
        this.type = type;
        this.strides = strides.clone();
    }

    /** A contiguous array over a fresh buffer (takes over its reference). */
    public static DeviceArray contiguous(Backend backend, Buffer buffer, TensorType type) {
        return new DeviceArray(backend, buffer, 0, type, type.shape().contiguousStrides());
    }

    /** A new view of the same buffer (adds a reference). */
    public DeviceArray view(long newOffset, Shape shape, long[] newStrides) {
        checkOpen();
        buffer.retain();
        return new DeviceArray(backend, buffer, newOffset, new TensorType(type.dtype(), shape), newStrides);
    }

    /** The backend that owns the storage. */
    public Backend backend() { return backend; }
    /** The storage. */
    public Buffer buffer() { checkOpen(); return buffer; }
    /** First element, in elements. */
    public long offset() { return offset; }
    /** Element type and shape. */
    public TensorType type() { return type; }
    /** Element type. */
    public DType dtype() { return type.dtype(); }
    /** Shape. */
    public Shape shape() { return type.shape(); }
    /** Element strides (a copy). */
    public long[] strides() { return strides.clone(); }
    /** Element stride of one dimension. */
    public long stride(int axis) { return strides[axis]; }

    /** True when the elements are laid out row-major without gaps from {@link #offset()}. */
    public boolean isContiguous() {
        long expected = 1;
        for (int i = type.rank() - 1; i >= 0; i--) {
            long d = type.shape().dim(i);
            if (d != 1 && strides[i] != expected) return false;
            expected *= d;
        }
        return true;
    }

    /** True once closed. */
    public boolean isClosed() { return closed.get(); }

    private void checkOpen() {
        if (closed.get()) throw new IllegalStateException("device array " + type + " used after close");
    }

    /** Drops this view's reference; later calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) buffer.release();
    }

    @Override
    public String toString() {
        return "DeviceArray" + type + (isContiguous() ? "" : " strides " + Arrays.toString(strides)) + " @" + offset;
    }
}
