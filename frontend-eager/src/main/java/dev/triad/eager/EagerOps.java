package dev.triad.eager;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.backend.Views;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The spi's generic algebra over eager tensors of one backend. {@link #apply} runs the
 * primitive at once — as a zero-copy view when {@link Views} says the movement op allows it,
 * else through {@link Dispatch} (which checks the shape rule and decomposes composites the
 * backend does not fuse) — and hands the result to {@link Autograd#record} for the tape.
 * Every {@link Ops} helper (add, matmul, softmax, ...) and every VJP rule runs through here.
 *
 * <p>Ops without inputs ({@code full}, {@code iota}) run on this instance's backend, which is
 * why there is one instance per backend and rules use the instance of the tensors they see.
 */
public final class EagerOps implements Ops<Tensor> {
    private static final Map<Backend, EagerOps> INSTANCES = new ConcurrentHashMap<>();

    private final Backend backend;

    private EagerOps(Backend backend) {
        this.backend = backend;
    }

    /** The algebra over tensors of {@code backend}. */
    public static EagerOps of(Backend backend) {
        EagerOps o = INSTANCES.get(backend);
        return o != null ? o : INSTANCES.computeIfAbsent(backend, EagerOps::new);
    }

    /** The algebra over tensors of the default backend. */
    public static EagerOps defaultOps() { return of(Triad.defaultBackend()); }

    /** The backend new tensors of this algebra live on. */
    public Backend backend() { return backend; }

    @Override
    public Tensor apply(Primitive p, Attrs attrs, List<Tensor> inputs) {
        int n = inputs.size();
        Tensor result = null;
        if (n == 1 && Views.mayBeView(p)) {
            Tensor x = inputs.get(0);
            DeviceArray v = Views.viewOf(x.data(), p, attrs);
            if (v != null) result = Tensor.viewOf(x, v, p, attrs);
        }
        if (result == null) {
            DeviceArray[] arrays = new DeviceArray[n];
            for (int i = 0; i < n; i++) arrays[i] = inputs.get(i).data();
            Backend target = n == 0 ? backend : arrays[0].backend();
            result = Tensor.wrap(Dispatch.execute(target, p, attrs, Arrays.asList(arrays)));
        }
        Autograd.record(p, attrs, inputs, result);
        return result;
    }

    @Override
    public TensorType typeOf(Tensor value) {
        if (value == null) throw new TriadException(null, "a tensor argument is null");
        return value.type();
    }
}
