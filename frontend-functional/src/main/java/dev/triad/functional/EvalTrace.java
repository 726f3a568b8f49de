package dev.triad.functional;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.backend.Views;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;

import java.util.ArrayList;
import java.util.List;

/**
 * Level 0: runs each primitive on a backend at once through {@link Dispatch} (which checks the
 * shape rule first, so errors name the op and shapes at the call). Movement ops that can be
 * views of their input share its storage instead of copying.
 */
final class EvalTrace extends Trace {
    /** The one evaluation trace; concrete arrays belong to it. */
    static final EvalTrace INSTANCE = new EvalTrace();

    private EvalTrace() { super(0, "eval"); }

    @Override
    Array process(Primitive p, Attrs attrs, List<Array> inputs) {
        List<DeviceArray> in = new ArrayList<>(inputs.size());
        for (Array x : inputs) in.add(x.device());
        if (in.size() == 1 && Views.mayBeView(p)) {
            DeviceArray v = Views.viewOf(in.get(0), p, attrs);
            if (v != null) return wrap(v);
        }
        Backend backend = in.isEmpty() ? Platform.backend() : in.get(0).backend();
        return wrap(Dispatch.execute(backend, p, attrs, in));
    }

    @Override
    Array stopGradient(Array x) { return x; }

    /** A concrete array over {@code d} (taking over its reference), owned by the current scope. */
    static Array wrap(DeviceArray d) {
        Array a = new Array(INSTANCE, d.type(), d);
        Scope.register(a);
        return a;
    }

    /** Uploads {@code host} to the current backend. */
    static Array upload(HostArray host) { return wrap(Platform.backend().upload(host)); }

    /** A second concrete array sharing {@code x}'s storage (its own reference), so each can be closed alone. */
    static Array alias(Array x) {
        DeviceArray d = x.device();
        return wrap(d.view(d.offset(), d.shape(), d.strides()));
    }
}
