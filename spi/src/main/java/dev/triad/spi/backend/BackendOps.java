package dev.triad.spi.backend;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * {@link Ops} over device arrays of one backend, as a scope: every array it creates is closed
 * when the scope closes, except those handed out with {@link #keep}. Used to run
 * decompositions, rules and the graph interpreter without leaking intermediates.
 */
public final class BackendOps implements Ops<DeviceArray>, AutoCloseable {
    private final Backend backend;
    private final Set<DeviceArray> created = Collections.newSetFromMap(new IdentityHashMap<>());

    /** A scope on {@code backend}. */
    public BackendOps(Backend backend) { this.backend = backend; }

    /** The backend. */
    public Backend backend() { return backend; }

    @Override
    public DeviceArray apply(Primitive p, Attrs attrs, List<DeviceArray> inputs) {
        // Movement ops that only re-stride are views, as in the eager front-end and compiled
        // graphs: a decomposition's transposes and reshapes (linear's w^T) cost no copy.
        DeviceArray out = inputs.size() == 1 && Views.mayBeView(p) ? Views.viewOf(inputs.get(0), p, attrs) : null;
        if (out == null) out = Dispatch.execute(backend, p, attrs, inputs);
        created.add(out);
        return out;
    }

    @Override
    public TensorType typeOf(DeviceArray value) { return value.type(); }

    /** Uploads {@code host} into this scope. */
    public DeviceArray upload(HostArray host) {
        DeviceArray a = backend.upload(host);
        created.add(a);
        return a;
    }

    /** Removes {@code a} from the scope so that closing the scope leaves it open; returns it. */
    public DeviceArray keep(DeviceArray a) {
        created.remove(a);
        return a;
    }

    /** True when {@code a} was created in this scope and not yet kept. */
    public boolean owns(DeviceArray a) { return created.contains(a); }

    /** Closes every array created in this scope and not kept. */
    @Override
    public void close() {
        List<DeviceArray> all = new ArrayList<>(created);
        created.clear();
        for (DeviceArray a : all) a.close();
    }
}
