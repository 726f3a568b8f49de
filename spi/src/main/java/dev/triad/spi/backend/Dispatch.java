package dev.triad.spi.backend;

import dev.triad.spi.custom.CustomOp;
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
        List<TensorType> types = new ArrayList<>(inputs.size());
        for (DeviceArray a : inputs) {
            if (a.isClosed()) throw new TriadException(p.name(), "an input " + a.type() + " was already closed");
            if (a.backend() != backend) {
                throw new TriadException(p.name(), "input " + a.type() + " lives on backend '" + a.backend().name()
                        + "' but the op runs on '" + backend.name() + "'; move it first");
            }
            types.add(a.type());
        }
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
}
