package dev.triad.spi.ops;

import dev.triad.spi.autodiff.DecompositionRules;
import dev.triad.spi.error.ArityException;
import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.NotDifferentiableException;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One operation of the op IR, declared once with everything about it: name, arity, typed
 * attributes, its shape/dtype rule, its derivative rules (VJP and JVP) and its batching rule,
 * all written over the generic algebra {@link Ops} so every front-end shares them. A
 * composite additionally has a decomposition into primitives; a backend may run it as one
 * fused kernel instead.
 *
 * <p>Instances are singletons kept in {@link dev.triad.spi.prims.Prims}; identity is equality.
 */
public abstract class Primitive {
    /** What kind of op this is; backends and passes use it to group kernels. */
    public enum Category {
        /** Elementwise with one input. */ UNARY,
        /** Elementwise with two broadcastable inputs of one dtype. */ BINARY,
        /** {@code where(cond, x, y)}. */ SELECT,
        /** Element type conversion. */ CAST,
        /** Reduction over axes. */ REDUCTION,
        /** Data movement: reshape, permute, broadcast, slice, pad, concat, flip. */ MOVEMENT,
        /** Gather and scatter. */ INDEXING,
        /** Matmul and convolution. */ CONTRACTION,
        /** Sliding-window reductions and their gradients. */ WINDOW,
        /** Values made from attributes alone. */ CREATION,
        /** Counter-based random bits. */ RANDOM,
        /** Defined by a decomposition into other ops. */ COMPOSITE,
        /** Declared by the user, run by its own kernel ({@link dev.triad.spi.custom.CustomOp}); never fused. */ CUSTOM
    }

    /** What the primitive declares about its derivative. */
    public enum Derivative {
        /** VJP and JVP rules are given. */
        DIFFERENTIABLE,
        /** Piecewise constant (floor, sign, ...): the derivative is zero almost everywhere. */
        ZERO,
        /** No derivative: integer or boolean results, random bits, indices. */
        NONE
    }

    private final String name;
    private final int minArity;
    private final int maxArity;
    private final Category category;
    private final Derivative derivative;
    private final List<Attr<?>> attrs;

    /**
     * Declares a primitive.
     *
     * @param name unique name, used in the graph text form
     * @param minArity fewest inputs
     * @param maxArity most inputs ({@link Integer#MAX_VALUE} for variadic)
     * @param category the kind of op
     * @param derivative what is declared about derivatives
     * @param attrs every attribute, all required
     */
    protected Primitive(String name, int minArity, int maxArity, Category category, Derivative derivative, List<Attr<?>> attrs) {
        this.name = name;
        this.minArity = minArity;
        this.maxArity = maxArity;
        this.category = category;
        this.derivative = derivative;
        this.attrs = List.copyOf(attrs);
    }

    /** Unique name. */
    public final String name() { return name; }
    /** Fewest inputs. */
    public final int minArity() { return minArity; }
    /** Most inputs. */
    public final int maxArity() { return maxArity; }
    /** The kind of op. */
    public final Category category() { return category; }
    /** What is declared about derivatives. */
    public final Derivative derivative() { return derivative; }
    /** The declared attributes. */
    public final List<Attr<?>> attrs() { return attrs; }

    /** The declared attribute called {@code name}, or null. */
    public final Attr<?> attr(String attrName) {
        for (Attr<?> a : attrs) if (a.name().equals(attrName)) return a;
        return null;
    }

    /** True for ops defined by a decomposition. */
    public boolean isComposite() { return category == Category.COMPOSITE; }

    /** True for elementwise ops (unary, binary, select, cast), which fusion may chain. */
    public boolean isElementwise() {
        return category == Category.UNARY || category == Category.BINARY || category == Category.SELECT || category == Category.CAST;
    }

    /**
     * True when each output element depends only on the same-position elements of the
     * (broadcast) inputs, so the result may be written over an input read at the very same
     * position ({@link dev.triad.spi.backend.Dispatch#executeInto}): the elementwise primitives
     * and the pointwise composites (relu, scaled_add, ...).
     */
    public boolean isPointwise() { return isElementwise(); }

    /**
     * Whether input {@code index} can carry a gradient. False for indices, conditions, keys.
     * Derivative rules return null for such inputs.
     */
    public boolean isDifferentiableInput(int index) { return derivative != Derivative.NONE; }

    /**
     * The result type for these inputs and attributes, after checking arity and attributes.
     * Every invalid input gets a typed {@link dev.triad.spi.error.TriadException} naming this op.
     */
    public final TensorType inferType(List<TensorType> inputs, Attrs attrs) {
        checkArity(inputs.size());
        checkAttrs(attrs);
        return shapeRule(inputs, attrs);
    }

    /** The shape/dtype rule proper; called with arity and attributes already checked. */
    protected abstract TensorType shapeRule(List<TensorType> inputs, Attrs attrs);

    private void checkArity(int n) {
        if (n < minArity || n > maxArity) {
            String expected = minArity == maxArity ? String.valueOf(minArity)
                    : maxArity == Integer.MAX_VALUE ? "at least " + minArity : minArity + " to " + maxArity;
            throw new ArityException(name, "got " + n + " input(s); expected " + expected);
        }
    }

    private void checkAttrs(Attrs given) {
        for (Map.Entry<String, Object> e : given.asMap().entrySet()) {
            Attr<?> a = attr(e.getKey());
            if (a == null) {
                throw new AttributeException(name, "unknown attribute '" + e.getKey() + "'; expected only " + attrNames());
            }
            if (!a.accepts(e.getValue())) {
                throw new AttributeException(name, "attribute '" + a.name() + "' must be " + a.typeName()
                        + ", got " + e.getValue().getClass().getSimpleName());
            }
        }
        for (Attr<?> a : attrs) {
            if (!given.has(a.name())) {
                throw new AttributeException(name, "missing attribute '" + a.name() + "' (" + a.typeName() + ")");
            }
        }
    }

    private List<String> attrNames() {
        List<String> n = new ArrayList<>();
        for (Attr<?> a : attrs) n.add(a.name());
        return n;
    }

    /**
     * Reverse-mode rule: the cotangent of each input given the output's cotangent. Entries for
     * inputs that are not differentiable are null.
     */
    public <T> List<T> vjp(Ops<T> ops, List<T> inputs, T output, T cotangent, Attrs attrs) {
        return switch (derivative) {
            case ZERO -> zeroCotangents(ops, inputs);
            case NONE -> throw new NotDifferentiableException(name, "declares no derivative; its result cannot carry a gradient");
            case DIFFERENTIABLE -> {
                if (isComposite()) yield DecompositionRules.vjp(ops, this, inputs, cotangent, attrs);
                throw new IllegalStateException(name + " is declared differentiable but has no VJP rule");
            }
        };
    }

    /**
     * {@link #vjp(Ops, List, Object, Object, Attrs) The reverse-mode rule} for a caller that
     * needs only some inputs' cotangents: entries where {@code needsGrad[i]} is false are null.
     * Every reverse pass (eager tape, functional grad, graph gradients) calls this one, so a
     * rule whose unneeded cotangents cost real work (matmul's gradient for a data batch, a
     * broadcast operand's reduction) overrides it and skips them; the default computes them all
     * and drops the unneeded ones. {@code needsGrad} may be null, meaning every input.
     */
    public <T> List<T> vjp(Ops<T> ops, List<T> inputs, T output, T cotangent, Attrs attrs, boolean[] needsGrad) {
        List<T> all = vjp(ops, inputs, output, cotangent, attrs);
        if (needsGrad == null) return all;
        List<T> out = new ArrayList<>(all);
        for (int i = 0; i < out.size(); i++) {
            if (!needsGrad[i]) out.set(i, null);
        }
        return out;
    }

    /** True when input {@code index} needs a cotangent under {@code needsGrad} (null: all do). */
    protected static boolean needs(boolean[] needsGrad, int index) { return needsGrad == null || needsGrad[index]; }

    /**
     * Forward-mode rule: the output's tangent given one tangent per input (never null; zeros
     * for inputs that do not vary, ignored for non-differentiable inputs).
     */
    public <T> T jvp(Ops<T> ops, List<T> inputs, T output, List<T> tangents, Attrs attrs) {
        return switch (derivative) {
            case ZERO -> ops.zerosLike(output);
            case NONE -> throw new NotDifferentiableException(name, "declares no derivative; its result cannot carry a tangent");
            case DIFFERENTIABLE -> {
                if (isComposite()) yield DecompositionRules.jvp(ops, this, inputs, tangents, attrs);
                throw new IllegalStateException(name + " is declared differentiable but has no JVP rule");
            }
        };
    }

    /**
     * Batching rule for {@code vmap}: applies this op to inputs that carry a batch axis at
     * {@code batchDims[i]} (or {@link Batched#NOT_BATCHED}), returning the result and where its
     * batch axis is. At least one input is batched.
     */
    public <T> Batched<T> batch(Ops<T> ops, List<T> inputs, int[] batchDims, Attrs attrs) {
        if (isComposite()) return DecompositionRules.batch(ops, this, inputs, batchDims, attrs);
        throw new IllegalStateException(name + " has no batching rule");
    }

    /** The decomposition of a composite into other ops. */
    public <T> T decompose(Ops<T> ops, List<T> inputs, Attrs attrs) {
        throw new UnsupportedOperationException(name + " is a primitive, not a composite");
    }

    private <T> List<T> zeroCotangents(Ops<T> ops, List<T> inputs) {
        List<T> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) out.add(isDifferentiableInput(i) ? ops.zerosLike(inputs.get(i)) : null);
        return out;
    }

    @Override
    public final String toString() { return name; }
}
