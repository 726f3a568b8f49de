package dev.triad.functional;

import dev.triad.spi.graph.Graph;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The function transformations ({@code jax.grad}, {@code jax.jit}, {@code jax.vmap}, ...).
 * Each takes a pure function and returns a new one; they compose in any order and to any
 * depth ({@code grad(grad(f))}, {@code jacfwd(jacrev(f))}, {@code vmap(grad(f))},
 * {@code jit(vmap(f))}, {@code grad(jit(f))}). Functions take and return pytrees
 * ({@link dev.triad.functional.tree.Tree}); with {@code import static
 * dev.triad.functional.Transforms.*} code reads as it does in JAX:
 *
 * <pre>{@code
 * Function<Array, Array> f = x -> np.sum(np.tanh(x));
 * Array g = grad(f).apply(x);                                  // df/dx
 * Array h = hessian(f).apply(x);                               // d2f/dx2
 * BiFunction<Params, Batch, Params> step = jit((p, b) -> update(p, grad(loss).apply(p, b)));
 * Array perExample = vmap(grad(loss1), 0, 0).apply(xs);        // per-example gradients
 * }</pre>
 *
 * <p>Derivative and batching rules all come from the spi's primitives: reverse mode records
 * the function and applies the VJP rules, forward mode applies the JVP rules as it goes, and
 * {@code vmap} applies the batching rules. Overloads take a {@link Function} (one argument),
 * a {@link BiFunction} (two; differentiated with respect to the first, as JAX's default
 * {@code argnums=0}) or an {@link Fn} (any number, with explicit {@code argnums}).
 */
public final class Transforms {
    private Transforms() {}

    // ---- reverse mode -----------------------------------------------------------------------

    /** The gradient of a scalar function of one pytree argument; the result has the argument's structure. */
    @SuppressWarnings("unchecked")
    public static <A> Function<A, A> grad(Function<A, Array> f) {
        return a -> (A) Diff.valueAndGrad(args -> f.apply((A) args[0]), new int[] {0}, false, false, new Object[] {a}).grad();
    }

    /** The gradient with respect to the first argument of a scalar function of two arguments. */
    @SuppressWarnings("unchecked")
    public static <A, B> BiFunction<A, B, A> grad(BiFunction<A, B, Array> f) {
        return (a, b) -> (A) Diff.valueAndGrad(args -> f.apply((A) args[0], (B) args[1]), new int[] {0}, false, false, new Object[] {a, b}).grad();
    }

    /**
     * The gradient with respect to the arguments {@code argnums} (default 0): one pytree for one
     * argnum, a list of them for several.
     */
    public static Fn grad(Fn f, int... argnums) {
        int[] an = argnums.length == 0 ? new int[] {0} : argnums.clone();
        return args -> Diff.valueAndGrad(f, an, false, false, args).grad();
    }

    /**
     * The gradient with an auxiliary output: {@code f} returns {@code List.of(value, aux)} and the
     * result is {@code List.of(grad, aux)}, as JAX's {@code grad(f, has_aux=True)}.
     */
    public static Fn grad(Fn f, int[] argnums, boolean hasAux) {
        int[] an = argnums.clone();
        return args -> {
            Diff.ValueGradAux r = Diff.valueAndGrad(f, an, hasAux, false, args);
            return hasAux ? Arrays.asList(r.grad(), r.aux()) : r.grad();
        };
    }

    /** The value and gradient of a scalar function of one pytree argument. */
    @SuppressWarnings("unchecked")
    public static <A> Function<A, ValueAndGrad<A>> valueAndGrad(Function<A, Array> f) {
        return a -> {
            Diff.ValueGradAux r = Diff.valueAndGrad(args -> f.apply((A) args[0]), new int[] {0}, false, true, new Object[] {a});
            return new ValueAndGrad<>(r.value(), (A) r.grad());
        };
    }

    /** The value and the gradient with respect to the first argument of a scalar function of two arguments. */
    @SuppressWarnings("unchecked")
    public static <A, B> BiFunction<A, B, ValueAndGrad<A>> valueAndGrad(BiFunction<A, B, Array> f) {
        return (a, b) -> {
            Diff.ValueGradAux r = Diff.valueAndGrad(args -> f.apply((A) args[0], (B) args[1]), new int[] {0}, false, true, new Object[] {a, b});
            return new ValueAndGrad<>(r.value(), (A) r.grad());
        };
    }

    /**
     * Value and gradient with respect to {@code argnums}: the result is
     * {@code List.of(value, grad)}, or with {@code hasAux} (f returning {@code List.of(value, aux)})
     * {@code List.of(List.of(value, aux), grad)}, as JAX's {@code value_and_grad}.
     */
    public static Fn valueAndGrad(Fn f, int[] argnums, boolean hasAux) {
        int[] an = argnums.clone();
        return args -> {
            Diff.ValueGradAux r = Diff.valueAndGrad(f, an, hasAux, true, args);
            Object value = hasAux ? Arrays.asList(r.value(), r.aux()) : r.value();
            return Arrays.asList(value, r.grad());
        };
    }

    /** The output of {@code f} at {@code primal} and its pullback (close the result to release what it keeps). */
    @SuppressWarnings("unchecked")
    public static <A, B> Vjp<B, A> vjp(Function<A, B> f, A primal) {
        Vjp<Object, List<Object>> v = Diff.vjp(args -> f.apply((A) args[0]), new Object[] {primal});
        return new Vjp<>((B) v.out(), ct -> (A) v.pullback(ct).get(0), v::close);
    }

    /** The output of {@code f} at {@code primals} (one per argument) and its pullback, which returns one cotangent per argument. */
    public static Vjp<Object, List<Object>> vjp(Fn f, List<?> primals) { return Diff.vjp(f, primals.toArray()); }

    // ---- forward mode -----------------------------------------------------------------------

    /** The output of {@code f} at {@code primal} and its derivative along {@code tangent}. */
    @SuppressWarnings("unchecked")
    public static <A, B> Jvp<B> jvp(Function<A, B> f, A primal, A tangent) {
        Jvp<Object> j = Diff.jvp(args -> f.apply((A) args[0]), new Object[] {primal}, new Object[] {tangent});
        return new Jvp<>((B) j.primalOut(), (B) j.tangentOut());
    }

    /** The output of {@code f} at {@code primals} and its derivative along {@code tangents} (one per argument). */
    public static Jvp<Object> jvp(Fn f, List<?> primals, List<?> tangents) { return Diff.jvp(f, primals.toArray(), tangents.toArray()); }

    /**
     * The output of {@code f} at {@code primal} and its linear approximation there: the primal
     * part is computed once, and each application runs only the (compiled) linear part.
     */
    @SuppressWarnings("unchecked")
    public static <A, B> Linearized<A, B> linearize(Function<A, B> f, A primal) {
        Linearized<Object[], Object> l = Linearize.linearize(args -> f.apply((A) args[0]), new Object[] {primal});
        return new Linearized<>((B) l.out(), t -> (B) l.apply(new Object[] {t}), l::close);
    }

    /** {@link #linearize(Function, Object)} for several arguments; the linear map takes one tangent per argument. */
    public static Linearized<Object[], Object> linearize(Fn f, List<?> primals) { return Linearize.linearize(f, primals.toArray()); }

    /** The Jacobian {@code out.shape + in.shape} by forward mode (vmap of jvp). */
    public static Function<Array, Array> jacfwd(Function<Array, Array> f) { return x -> Jacobians.jacfwd(f, x); }

    /** The Jacobian {@code out.shape + in.shape} by reverse mode (vmap of the pullback). */
    public static Function<Array, Array> jacrev(Function<Array, Array> f) { return x -> Jacobians.jacrev(f, x); }

    /** The Hessian of a scalar function, {@code jacfwd(jacrev(f))}. */
    public static Function<Array, Array> hessian(Function<Array, Array> f) { return jacfwd(jacrev(f)); }

    /** {@code x} as a constant to every enclosing differentiation ({@code jax.lax.stop_gradient}). */
    public static Array stopGradient(Array x) { return Core.stopGradient(x); }

    // ---- batching ---------------------------------------------------------------------------

    /** Maps {@code f} over axis 0 of its argument, stacking the results along axis 0. */
    public static <A, B> Function<A, B> vmap(Function<A, B> f) { return vmap(f, 0, 0); }

    /**
     * Maps {@code f} over axis {@code inAxis} of every array in its argument (null: not mapped)
     * and stacks the results along {@code outAxis} (null: the results must not depend on the
     * mapped axis).
     */
    @SuppressWarnings("unchecked")
    public static <A, B> Function<A, B> vmap(Function<A, B> f, Integer inAxis, Integer outAxis) {
        return a -> (B) Vmap.call(args -> f.apply((A) args[0]), Arrays.asList(inAxis), outAxis, new Object[] {a});
    }

    /** Maps {@code f} over axis 0 of both arguments. */
    public static <A, B, C> BiFunction<A, B, C> vmap(BiFunction<A, B, C> f) { return vmap(f, 0, 0); }

    /** Maps {@code f} over the given axes of its two arguments (null: that argument is not mapped); results stack along 0. */
    @SuppressWarnings("unchecked")
    public static <A, B, C> BiFunction<A, B, C> vmap(BiFunction<A, B, C> f, Integer inAxisA, Integer inAxisB) {
        return (a, b) -> (C) Vmap.call(args -> f.apply((A) args[0], (B) args[1]), Arrays.asList(inAxisA, inAxisB), 0, new Object[] {a, b});
    }

    /** Maps {@code f} with one in-axis per argument (null entries: not mapped) and one out-axis for every result. */
    public static Fn vmap(Fn f, List<Integer> inAxes, Integer outAxes) {
        List<Integer> in = Arrays.asList(inAxes.toArray(new Integer[0]));
        return args -> Vmap.call(f, in, outAxes, args);
    }

    // ---- staging ----------------------------------------------------------------------------

    /**
     * Compiles {@code f}: the first call with a new signature (argument structure, dtypes,
     * shapes) traces it to the Graph IR, runs the shared passes and compiles the graph on the
     * backend; later calls with that signature run the compiled code.
     */
    public static <A, B> Jitted<A, B> jit(Function<A, B> f) {
        @SuppressWarnings("unchecked")
        Fn g = args -> f.apply((A) args[0]);
        return new Jitted<>(new JitCore(g, new int[0]));
    }

    /** {@link #jit(Function)} for two arguments. */
    public static <A, B, C> Jitted2<A, B, C> jit(BiFunction<A, B, C> f) {
        @SuppressWarnings("unchecked")
        Fn g = args -> f.apply((A) args[0], (B) args[1]);
        return new Jitted2<>(new JitCore(g, new int[0]));
    }

    /**
     * {@link #jit(Function)} for any number of arguments; those in {@code staticArgnums} are not
     * traced but baked into the graph and compared with {@code equals} to pick the cached one.
     */
    public static JittedFn jit(Fn f, int... staticArgnums) { return new JittedFn(new JitCore(f, staticArgnums)); }

    /** The graph {@code f} traces to for {@code args} (one per argument), printed in the stable text form ({@code jax.make_jaxpr}). */
    public static Graph makeJaxpr(Fn f, List<?> args) {
        try (JitCore c = new JitCore(f, new int[0])) {
            return c.lower(args.toArray());
        }
    }

    /** {@link #makeJaxpr(Fn, List)} for a function of one argument. */
    @SuppressWarnings("unchecked")
    public static <A> Graph makeJaxpr(Function<A, ?> f, A arg) {
        Fn g = args -> f.apply((A) args[0]);
        return makeJaxpr(g, java.util.Collections.singletonList(arg));
    }
}
