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

    /**
     * Composites whose VJP is derived from their decomposition ({@code Primitive.vjp} not
     * overridden), which recompute the decomposition in backward. Composites with a direct rule
     * (relu, softmax, mean, ...) are cheaper recorded as one node.
     */
    private static final ClassValue<Boolean> DERIVED_VJP = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            try {
                return c.getMethod("vjp", Ops.class, List.class, Object.class, Object.class, Attrs.class).getDeclaringClass() == Primitive.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

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
        if (n > 0 && p.isComposite() && DERIVED_VJP.get(p.getClass()) && recordsGradient(p, inputs) && !inputs.get(0).data().backend().hasFusedKernel(p)) {
            // A composite without a direct VJP: decompose it through this algebra, so each primitive
            // is recorded with its own rule and keeps its own saved values. Recorded as one node,
            // backward would rerun the whole decomposition (DecompositionRules recomputes the
            // intermediates) and copy its movement ops, which Dispatch runs as kernels rather than
            // views: for linear, a second forward matmul and a transposed weight copy per step.
            // The composite's own shape rule first, so bad input is reported against the op the user called.
            List<TensorType> types = new java.util.ArrayList<>(n);
            for (Tensor t : inputs) types.add(typeOf(t));
            p.inferType(types, attrs);
            Tensor r = p.decompose(this, inputs, attrs);
            if (!containsIdentical(inputs, r)) return r;
            // A decomposition that hands back an input unchanged: run it as one node instead, so the
            // caller gets a tensor of its own.
        }
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

    /** True when {@link Autograd#record} would record {@code p} applied to {@code inputs}. */
    private static boolean recordsGradient(Primitive p, List<Tensor> inputs) {
        if (p.derivative() == Primitive.Derivative.NONE || !GradMode.isEnabled()) return false;
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).requiresGrad && p.isDifferentiableInput(i)) return true;
        }
        return false;
    }

    private static boolean containsIdentical(List<Tensor> list, Tensor t) {
        for (Tensor x : list) if (x == t) return true;
        return false;
    }

    @Override
    public TensorType typeOf(Tensor value) {
        if (value == null) throw new TriadException(null, "a tensor argument is null");
        return value.type();
    }
}
