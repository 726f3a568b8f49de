package dev.triad.spi.autodiff;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;

import java.util.ArrayList;
import java.util.List;

/**
 * Derivative and batching rules of a composite, derived from its decomposition: the
 * decomposition is run over a recording {@link Ops} ({@link Tape}) and the primitives' own rules
 * are applied to the recorded steps. A composite used inside a decomposition is one step, so
 * its own (direct or derived) rule applies. A composite may override these with a direct rule.
 *
 * <p>The derivative rules recompute the decomposition's intermediate values (the composite's
 * output alone does not carry them); a direct rule avoids that cost.
 */
public final class DecompositionRules {
    private DecompositionRules() {}

    /**
     * VJP of {@code composite} through its decomposition.
     *
     * @return one cotangent per input: null for inputs the composite declares
     *     non-differentiable and for integer or bool inputs, zeros for inputs the result does not
     *     depend on
     */
    public static <T> List<T> vjp(Ops<T> ops, Primitive composite, List<T> inputs, T cotangent, Attrs attrs) {
        List<T> primals = Tape.distinct(ops, inputs);
        Tape<T> tape = new Tape<>(ops);
        T out = composite.decompose(tape, primals, attrs);
        return Backward.cotangents(ops, tape.steps(), primals, differentiable(composite, inputs.size()), out, cotangent);
    }

    /**
     * JVP of {@code composite} through its decomposition. Tangents of inputs the composite
     * declares non-differentiable, and of integer or bool inputs, are ignored.
     */
    public static <T> T jvp(Ops<T> ops, Primitive composite, List<T> inputs, List<T> tangents, Attrs attrs) {
        List<T> primals = Tape.distinct(ops, inputs);
        Tape<T> tape = new Tape<>(ops);
        T out = composite.decompose(tape, primals, attrs);
        List<T> ts = new ArrayList<>(tangents);
        for (int i = 0; i < ts.size(); i++) if (!composite.isDifferentiableInput(i)) ts.set(i, null);
        return Forward.tangent(ops, tape.steps(), primals, ts, out);
    }

    /**
     * Batching of {@code composite} through its decomposition: the decomposition is traced on
     * placeholders of the unbatched (logical) input types, then replayed on the batched inputs
     * with each step's batching rule. The result's batch axis is always 0.
     */
    public static <T> Batched<T> batch(Ops<T> ops, Primitive composite, List<T> inputs, int[] dims, Attrs attrs) {
        List<Symbolic.Value> placeholders = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            var type = ops.typeOf(inputs.get(i));
            placeholders.add(new Symbolic.Value(dims[i] == Batched.NOT_BATCHED ? type : type.withShape(type.shape().without(dims[i]))));
        }
        Tape<Symbolic.Value> tape = new Tape<>(Symbolic.INSTANCE);
        Symbolic.Value out = composite.decompose(tape, placeholders, attrs);
        return BatchReplay.run(ops, tape.steps(), placeholders, inputs, dims, out);
    }

    private static boolean[] differentiable(Primitive p, int n) {
        boolean[] d = new boolean[n];
        for (int i = 0; i < n; i++) d[i] = p.isDifferentiableInput(i);
        return d;
    }
}
