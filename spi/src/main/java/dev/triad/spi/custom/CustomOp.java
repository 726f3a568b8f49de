package dev.triad.spi.custom;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.NotDifferentiableException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Batching;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An op the user declared: name, arity, shape/dtype rule, a {@link HostKernel} for the
 * forward computation and optional derivative rules written over {@link Ops}. Built with
 * {@link #builder}, made visible by name with {@link CustomOps#register}.
 *
 * <p>Two kinds:
 * <ul>
 *   <li>{@link Kind#ELEMENTWISE}: every input has input 0's shape, and so has the result (its
 *       dtype is input 0's unless declared). It batches by running once over the whole batch;
 *       its JVP is derived from its VJP, since each input's Jacobian is diagonal.</li>
 *   <li>{@link Kind#INDEX_SPACE}: the user's {@link TypeRule} gives the result type. It batches
 *       by a loop over the batch axis ({@link Batching#loop}); forward mode needs a
 *       {@link CustomJvp}.</li>
 * </ul>
 * Derivatives: the op is declared differentiable, so every front-end records it; without a
 * VJP the first gradient through it raises {@link NotDifferentiableException} naming it,
 * rather than the front-end silently treating its result as a constant. {@link #hasVjp()}
 * says which case applies.
 *
 * <p>Custom ops are never fused with other ops ({@link Category#CUSTOM} is not elementwise) and
 * never constant-folded: the user's kernel runs when the graph runs.
 */
public final class CustomOp extends Primitive {
    /** How the result type and batching rule are given. */
    public enum Kind {
        /** Same shape in and out; batches in one call. */
        ELEMENTWISE,
        /** Result type from a {@link TypeRule}; batches by a loop. */
        INDEX_SPACE
    }

    private final Kind kind;
    private final TypeRule typeRule;
    private final List<DType> inputDTypes;
    private final DType resultDType;
    private final HostKernel host;
    private final CustomVjp vjpRule;
    private final CustomJvp jvpRule;
    private final String description;

    CustomOp(CustomOpBuilder b) {
        super(b.name, b.arity, b.arity, Category.CUSTOM, Derivative.DIFFERENTIABLE, List.of());
        this.kind = b.kind;
        this.typeRule = b.typeRule;
        this.inputDTypes = b.inputDTypes == null ? null : List.copyOf(b.inputDTypes);
        this.resultDType = b.resultDType;
        this.host = b.host;
        this.vjpRule = b.vjp;
        this.jvpRule = b.jvp;
        this.description = b.description;
    }

    /** Starts declaring an op called {@code name} (letters, digits and {@code _}, not starting with a digit). */
    public static CustomOpBuilder builder(String name) { return new CustomOpBuilder(name); }

    /** Elementwise or index-space. */
    public Kind kind() { return kind; }

    /** True when a VJP was given; without one, gradients through this op raise {@link NotDifferentiableException}. */
    public boolean hasVjp() { return vjpRule != null; }

    /** True when forward mode works: a JVP was given, or the op is elementwise with a VJP. */
    public boolean hasJvp() { return jvpRule != null || (kind == Kind.ELEMENTWISE && vjpRule != null); }

    /** The declared dtype of each input, or null when any dtype is accepted. */
    public List<DType> inputDTypes() { return inputDTypes; }

    /** The host-side forward computation. */
    public HostKernel hostKernel() { return host; }

    /** What the op computes and how it runs, as the user described it (may be empty). */
    public String description() { return description; }

    /** Applies this op through any front-end's algebra: {@code ops.apply(this, Attrs.EMPTY, inputs)}. */
    @SafeVarargs
    public final <T> T apply(Ops<T> ops, T... inputs) { return ops.apply(this, Attrs.EMPTY, Arrays.asList(inputs)); }

    @Override
    protected TensorType shapeRule(List<TensorType> inputs, Attrs attrs) {
        if (inputDTypes != null) {
            for (int i = 0; i < inputs.size(); i++) {
                if (inputs.get(i).dtype() != inputDTypes.get(i)) {
                    throw new DTypeException(name(), "input " + i + " is " + inputs.get(i) + "; expected dtype " + inputDTypes.get(i)
                            + " (declared input dtypes " + inputDTypes + ")");
                }
            }
        }
        TensorType result;
        if (kind == Kind.ELEMENTWISE) {
            Shape s = inputs.get(0).shape();
            for (int i = 1; i < inputs.size(); i++) {
                if (!inputs.get(i).shape().equals(s)) {
                    throw new ShapeException(name(), "input " + i + " is " + inputs.get(i) + " but input 0 is " + inputs.get(0)
                            + "; an elementwise custom op needs every input of one shape (broadcast first)");
                }
            }
            result = new TensorType(resultDType != null ? resultDType : inputs.get(0).dtype(), s);
        } else {
            result = typeRule.resultType(List.copyOf(inputs));
            if (result == null) throw new TriadException(name(), "the type rule returned no type for inputs " + inputs);
        }
        if (resultDType != null && result.dtype() != resultDType) {
            throw new DTypeException(name(), "the type rule gave " + result + " for inputs " + inputs + "; expected dtype " + resultDType);
        }
        return result;
    }

    /**
     * Runs the forward computation for any backend: downloads the inputs, runs the
     * {@link HostKernel} and uploads the result. {@link dev.triad.spi.backend.Dispatch} calls it
     * after the shape rule, for backends without a native kernel for this op.
     *
     * @param resultType the type the shape rule gave
     * @return a new array on {@code backend}, owned by the caller
     */
    public DeviceArray runOnHost(Backend backend, List<DeviceArray> inputs, TensorType resultType) {
        List<HostArray> host = new ArrayList<>(inputs.size());
        for (DeviceArray a : inputs) host.add(backend.download(a));
        HostArray r = this.host.run(host, resultType);
        if (r == null || !r.type().equals(resultType)) {
            throw new TriadException(name(), "the host kernel returned " + (r == null ? "nothing" : r.type()) + "; expected " + resultType);
        }
        return backend.upload(r);
    }

    @Override
    public <T> List<T> vjp(Ops<T> ops, List<T> inputs, T output, T cotangent, Attrs attrs) {
        if (vjpRule == null) {
            throw new NotDifferentiableException(name(), "custom op registered without a VJP, so no gradient can flow through it; "
                    + "give one with CustomOpBuilder.vjp(...) as a composition of existing ops");
        }
        List<T> cts = vjpRule.vjp(ops, List.copyOf(inputs), output, cotangent);
        if (cts == null || cts.size() != inputs.size()) {
            throw new TriadException(name(), "the VJP returned " + (cts == null ? "nothing" : cts.size() + " cotangent(s)")
                    + "; expected one per input (" + inputs.size() + "), null for an input without a gradient");
        }
        for (int i = 0; i < cts.size(); i++) {
            T c = cts.get(i);
            if (c != null && !ops.shape(c).equals(ops.shape(inputs.get(i)))) {
                throw new ShapeException(name(), "the VJP returned a cotangent of shape " + ops.shape(c) + " for input " + i
                        + " of shape " + ops.shape(inputs.get(i)) + "; expected the input's shape");
            }
        }
        return new ArrayList<>(cts);
    }

    @Override
    public <T> T jvp(Ops<T> ops, List<T> inputs, T output, List<T> tangents, Attrs attrs) {
        if (jvpRule != null) return jvpRule.jvp(ops, List.copyOf(inputs), output, List.copyOf(tangents));
        if (kind == Kind.ELEMENTWISE && vjpRule != null) {
            // Each input's Jacobian is diagonal (same shape in and out, no broadcasting), so it is its
            // own transpose: J_i t_i is the VJP's entry i for the cotangent t_i.
            T sum = null;
            for (int i = 0; i < inputs.size(); i++) {
                T part = vjp(ops, inputs, output, tangents.get(i), attrs).get(i);
                if (part == null) continue;
                if (ops.dtype(part) != ops.dtype(output)) part = ops.cast(part, ops.dtype(output));
                sum = sum == null ? part : ops.add(sum, part);
            }
            return sum != null ? sum : ops.zerosLike(output);
        }
        throw new NotDifferentiableException(name(), vjpRule == null
                ? "custom op registered without derivative rules; give a VJP (and, for forward mode, a JVP)"
                : "index-space custom op registered without a JVP, so forward mode (jvp, linearize) cannot go through it; "
                + "give one with CustomOpBuilder.jvp(...)");
    }

    @Override
    public <T> Batched<T> batch(Ops<T> ops, List<T> inputs, int[] batchDims, Attrs attrs) {
        if (kind == Kind.INDEX_SPACE) return Batching.loop(ops, this, inputs, batchDims, attrs);
        // Elementwise: one call over the whole batch. Batched inputs get the batch axis in front;
        // unbatched ones are broadcast over it, because the op needs equal shapes.
        long n = Batching.batchSize(ops, inputs, batchDims);
        List<T> args = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            T x = inputs.get(i);
            if (batchDims[i] == Batched.NOT_BATCHED) {
                args.add(ops.broadcastTo(ops.expandDims(x, 0), ops.shape(x).insert(0, n)));
            } else {
                args.add(Batching.toFront(ops, x, batchDims[i]));
            }
        }
        return new Batched<>(ops.apply(this, attrs, args), 0);
    }
}
