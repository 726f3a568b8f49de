package dev.triad.spi.backend;

import dev.triad.spi.custom.CustomOp;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.error.UnsupportedOpException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * The one way an op reaches a backend: the op's shape rule validates the inputs (typed errors
 * at the call), the backend's declared support is checked, and composites without a fused
 * kernel run as their decomposition. Custom ops without a native kernel run their host kernel
 * ({@link CustomOp#runOnHost}), so every backend runs them.
 */
public final class Dispatch {
    private Dispatch() {}

    /** Runs {@code p} on {@code backend}; the caller owns the returned array. */
    public static DeviceArray execute(Backend backend, Primitive p, Attrs attrs, List<DeviceArray> inputs) {
        List<TensorType> types = inputTypes(backend, p, inputs);
        TensorType result = p.inferType(types, attrs);
        if (p.isComposite() && !backend.hasFusedKernel(p)) return decompose(backend, p, attrs, inputs);
        if (p instanceof CustomOp custom && !backend.hasFusedKernel(p)) return custom.runOnHost(backend, inputs, result);
        DType dtype = types.isEmpty() ? result.dtype() : types.get(0).dtype();
        Support s = backend.supports(p, dtype);
        if (!s.supported()) {
            throw new UnsupportedOpException(p.name(), "backend '" + backend.name() + "' does not support it for " + dtype + ": " + s.reason());
        }
        if (!OpProfile.enabled()) return backend.execute(p, attrs, inputs, result);
        long start = System.nanoTime();
        DeviceArray out = backend.execute(p, attrs, inputs, result);
        backend.synchronize();
        OpProfile.record(backend.name() + " " + p.name() + " " + types + " " + attrs, System.nanoTime() - start);
        return out;
    }

    /**
     * Runs composite {@code p} as its decomposition into other ops on {@code backend}; the
     * caller owns the result. Dispatch does this for composites without a fused kernel; a
     * backend whose fused kernel declines one case (a dtype, a layout) does it too, so there is
     * one way a composite falls back.
     */
    public static DeviceArray decompose(Backend backend, Primitive p, Attrs attrs, List<DeviceArray> inputs) {
        try (BackendOps ops = new BackendOps(backend)) {
            DeviceArray r = p.decompose(ops, inputs, attrs);
            // A decomposition may return one of its inputs unchanged; the caller still gets an array it owns.
            return ops.owns(r) ? ops.keep(r) : r.view(r.offset(), r.shape(), r.strides());
        }
    }

    /**
     * True when {@link #executeInto} may write {@code p}'s result into {@code out}: {@code p} is
     * {@link Primitive#isPointwise pointwise}, {@code out} has distinct elements, and every
     * input either lives in other storage or is exactly the view {@code out} (same offset,
     * shape and strides), so each element is read before it is overwritten.
     */
    public static boolean mayWriteInto(Primitive p, List<DeviceArray> inputs, DeviceArray out) {
        if (!p.isPointwise() || out.isClosed()) return false;
        for (int i = 0; i < out.shape().rank(); i++) {
            if (out.stride(i) == 0 && out.shape().dim(i) > 1) return false;
        }
        for (DeviceArray a : inputs) {
            if (a.isClosed() || a.buffer() != out.buffer()) continue;
            if (a.offset() != out.offset() || !a.shape().equals(out.shape()) || !java.util.Arrays.equals(a.strides(), out.strides())) return false;
        }
        return true;
    }

    /**
     * Runs pointwise {@code p} with its result written into {@code out} (buffer donation: an
     * in-place update needs no result buffer and no copy back). Checks like {@link #execute},
     * plus that the result type is {@code out}'s and {@link #mayWriteInto} holds. A composite
     * the backend does not fuse runs as its decomposition and is copied in.
     */
    public static void executeInto(Backend backend, Primitive p, Attrs attrs, List<DeviceArray> inputs, DeviceArray out) {
        if (!mayWriteInto(p, inputs, out)) {
            throw new TriadException(p.name(), "cannot write the result into " + out + ": expected a pointwise op and an output "
                    + "that is disjoint from the inputs or exactly one of them");
        }
        if (out.backend() != backend) {
            throw new TriadException(p.name(), "output " + out.type() + " lives on backend '" + out.backend().name() + "' but the op runs on '" + backend.name() + "'");
        }
        List<TensorType> types = inputTypes(backend, p, inputs);
        TensorType result = p.inferType(types, attrs);
        if (!result.equals(out.type())) {
            throw new ShapeException(p.name(), "the result has type " + result + " but the output it is written into is " + out.type() + "; expected equal types");
        }
        if (p.isComposite() && !backend.hasFusedKernel(p)) {
            try (DeviceArray r = execute(backend, p, attrs, inputs)) {
                backend.copyInto(r, out);
            }
            return;
        }
        Support s = backend.supports(p, types.isEmpty() ? result.dtype() : types.get(0).dtype());
        if (!s.supported()) {
            throw new UnsupportedOpException(p.name(), "backend '" + backend.name() + "' does not support it for " + types.get(0).dtype() + ": " + s.reason());
        }
        backend.executeInto(p, attrs, inputs, out);
    }

    /** The inputs' types, after checking each is open and lives on {@code backend}. */
    private static List<TensorType> inputTypes(Backend backend, Primitive p, List<DeviceArray> inputs) {
        List<TensorType> types = new ArrayList<>(inputs.size());
        for (DeviceArray a : inputs) {
            if (a.isClosed()) throw new TriadException(p.name(), "an input " + a.type() + " was already closed");
            if (a.backend() != backend) {
                throw new TriadException(p.name(), "input " + a.type() + " lives on backend '" + a.backend().name()
                        + "' but the op runs on '" + backend.name() + "'; move it first");
            }
            types.add(a.type());
        }
        return types;
    }
}
