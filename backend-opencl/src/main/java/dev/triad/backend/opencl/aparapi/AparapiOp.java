package dev.triad.backend.opencl.aparapi;

import com.aparapi.Kernel;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.custom.CustomOp;
import dev.triad.spi.custom.CustomOpBuilder;
import dev.triad.spi.custom.CustomOps;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A custom op whose forward computation is a user's Aparapi kernel. {@link #op()} is the
 * Triad {@link CustomOp} every front-end applies; its host kernel binds the inputs to the
 * kernel's array fields, sets its size fields, runs it with Aparapi under the op's
 * {@link FallbackPolicy} and reads the output field back.
 *
 * <p>Each run's real execution mode is recorded: {@link #lastRun()} and {@link #report()} say
 * whether the kernel ran on the OpenCL device or on one of Aparapi's Java fallbacks, and why.
 *
 * <p>Runs of one op are serialised (the kernel's fields are its arguments). Give each op its own
 * kernel class: Aparapi keeps device preferences and profiles per class.
 */
public final class AparapiOp implements AutoCloseable {
    private final String name;
    private final Kernel kernel;
    private final FallbackPolicy policy;
    private final List<KernelFields.ArrayField> inputs;
    private final KernelFields.ArrayField output;
    private final Map<Field, SizeRule> sizes;
    private final List<SizeRule> globalRange;
    private final AparapiLauncher launcher;
    private final CustomOp op;
    private final Map<ExecutionMode, Long> runs = new EnumMap<>(ExecutionMode.class);
    private AparapiRun lastRun;
    private boolean closed;

    AparapiOp(AparapiOpBuilder b) {
        this.name = b.name;
        this.kernel = b.kernel;
        this.policy = b.policy;
        if (b.inputs.isEmpty()) throw new TriadException(name, "name the kernel's input array fields with inputs(...)");
        if (b.output == null) throw new TriadException(name, "name the kernel's output array field with output(...)");
        List<KernelFields.ArrayField> in = new ArrayList<>();
        for (String f : b.inputs) in.add(KernelFields.array(name, kernel, f, "input"));
        this.inputs = List.copyOf(in);
        this.output = KernelFields.array(name, kernel, b.output, "output");
        Map<Field, SizeRule> s = new LinkedHashMap<>();
        for (Map.Entry<String, SizeRule> e : b.sizes.entrySet()) s.put(KernelFields.intField(name, kernel, e.getKey()), e.getValue());
        this.sizes = Collections.unmodifiableMap(s);
        this.globalRange = b.globalRange;
        this.launcher = new AparapiLauncher(name, kernel, policy);
        DType[] dtypes = new DType[inputs.size()];
        for (int i = 0; i < dtypes.length; i++) dtypes[i] = inputs.get(i).dtype();
        CustomOpBuilder cb = CustomOp.builder(name);
        if (b.typeRule == null) cb.elementwise(inputs.size());
        else cb.indexSpace(inputs.size(), b.typeRule);
        cb.inputDTypes(dtypes).resultDType(output.dtype()).host(this::run).vjp(b.vjp).jvp(b.jvp)
                .description((b.description.isEmpty() ? "" : b.description + "; ") + "Aparapi kernel " + kernel.getClass().getName()
                        + ", policy " + policy);
        this.op = cb.build();
    }

    /** The Triad op: apply it through any front-end's algebra. */
    public CustomOp op() { return op; }

    /** The op's name. */
    public String name() { return name; }

    /** The fallback policy. */
    public FallbackPolicy policy() { return policy; }

    /** Applies the op to {@code inputs} through {@code ops} (an eager, graph or functional algebra). */
    public <T> T apply(Ops<T> ops, List<T> inputs) { return ops.apply(op, dev.triad.spi.ops.Attrs.EMPTY, inputs); }

    /** Applies a one-input op to {@code input} through {@code ops}. */
    public <T> T apply(Ops<T> ops, T input) { return apply(ops, List.of(input)); }

    /** How the latest run executed, or null before the first run. */
    public synchronized AparapiRun lastRun() { return lastRun; }

    /** The latest run's execution mode, or null before the first run. */
    public synchronized ExecutionMode executionMode() { return lastRun == null ? null : lastRun.mode(); }

    /** How many runs used each execution mode. */
    public synchronized Map<ExecutionMode, Long> runCounts() { return Collections.unmodifiableMap(new EnumMap<>(runs)); }

    /** A few lines for logs: the op, its policy, runs per execution mode and the latest run. */
    public synchronized String report() {
        return "Aparapi op " + name + " (" + kernel.getClass().getName() + "), policy " + policy + "\n"
                + "  runs by execution mode: " + runs + "\n"
                + "  last run: " + (lastRun == null ? "none yet" : lastRun.toString()) + "\n";
    }

    /** The host kernel of {@link #op()}: binds, launches, reads back. */
    private synchronized HostArray run(List<HostArray> hostInputs, TensorType result) {
        if (closed) throw new TriadException(name, "this Aparapi op was closed; its kernel's resources are released");
        List<TensorType> types = new ArrayList<>(hostInputs.size());
        for (HostArray h : hostInputs) {
            types.add(h.type());
            checkJavaSize(h.type());
        }
        checkJavaSize(result);
        int[] global = globalSize(types, result);
        Object out = KernelFields.newJava(output.dtype(), (int) result.numel());
        for (Map.Entry<Field, SizeRule> e : sizes.entrySet()) {
            KernelFields.set(e.getKey(), kernel, toInt(e.getValue().size(types, result), "size field '" + e.getKey().getName() + "'", types));
        }
        for (int i = 0; i < inputs.size(); i++) inputs.get(i).set(kernel, KernelFields.toJava(hostInputs.get(i), inputs.get(i).dtype()));
        output.set(kernel, out);
        try {
            boolean empty = false;
            for (int g : global) empty |= g == 0;
            // Aparapi cannot launch an empty range; the (empty) result needs no kernel.
            if (!empty) {
                AparapiRun r = launcher.launch(global);
                lastRun = r;
                runs.merge(r.mode(), 1L, Long::sum);
            }
            return KernelFields.fromJava(out, result);
        } finally {
            // Drop the references so the kernel does not keep the last run's arrays alive.
            for (KernelFields.ArrayField f : inputs) f.set(kernel, null);
            output.set(kernel, null);
        }
    }

    private int[] globalSize(List<TensorType> types, TensorType result) {
        if (globalRange == null) return new int[] {(int) result.numel()};
        int[] g = new int[globalRange.size()];
        for (int i = 0; i < g.length; i++) g[i] = toInt(globalRange.get(i).size(types, result), "global range dimension " + i, types);
        return g;
    }

    private int toInt(long v, String what, List<TensorType> types) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new ShapeException(name, what + " is " + v + " for inputs " + types + "; expected 0 to " + Integer.MAX_VALUE + " (Aparapi uses int sizes)");
        }
        return (int) v;
    }

    private void checkJavaSize(TensorType t) {
        if (t.numel() > Integer.MAX_VALUE - 8) {
            throw new ShapeException(name, t + " has more elements than a Java array holds; an Aparapi op takes at most " + (Integer.MAX_VALUE - 8));
        }
    }

    /** Unregisters the op (when registered) and releases the kernel's OpenCL resources. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        CustomOps.unregister(op);
        kernel.dispose();
    }

    @Override
    public String toString() { return "AparapiOp[" + name + ", " + policy + "]"; }
}
