package dev.triad.conformance.frontends.eager;

import dev.triad.conformance.check.CaseLog;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Comparison;
import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.spec.Tolerance;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;

/**
 * In-place Tensor methods written through a strided view of a non-leaf, in F64: with a leaf
 * {@code a [4, 6]} and {@code z = a - shift}, the view {@code z.slice(1, 1, 6, 2).t()} (the odd
 * columns, transposed: {@code [3, 4]}) is updated in place, possibly with a second leaf
 * {@code b [3, 4]}; then {@code sum(z * V).backward()}. This runs the eager-only machinery:
 * the version counter, the rewrite of the base's history ({@code where(mask, scattered update, base)},
 * PyTorch's CopySlices) and the view's refreshed history. Checked against a host model built
 * from the scalar function the method computes:
 * <ul>
 *   <li>the base and the view read back the updated values;</li>
 *   <li>{@code a.grad} and {@code b.grad} match {@code V} times the function's partial
 *       derivatives (central differences of the scalar function) inside the view, and
 *       {@code V} (for a) outside it.</li>
 * </ul>
 */
public final class InPlaceCheck {
    private InPlaceCheck() {}

    /** The check's name for method {@code method}, e.g. {@code mul_(tensor)}. */
    public static String name(String method) { return "eager in-place " + method + " through a strided view, backward()"; }

    /**
     * One in-place method: how to call it on the view (with the second operand, or ignoring it),
     * the scalar function it computes of (old value, operand), whether the operand is used, and
     * the shift that puts the base's values into the method's domain.
     */
    record Case(String method, BiFunction<Tensor, Tensor, Tensor> call, DoubleBinaryOperator f, boolean usesOther, double shift) {}

    /** Every in-place method checked. */
    public static List<String> methods() { return cases().stream().map(Case::method).toList(); }

    static List<Case> cases() {
        // Base values lie in [0.5, 1.5) (shifted where a method needs both signs) and operands in [0.5, 1.5): no kinks, no poles.
        return List.of(
                new Case("add_(tensor)", Tensor::add_, Double::sum, true, 0),
                new Case("add_(tensor, alpha)", (v, b) -> v.add_(b, -0.5), (x, y) -> x - 0.5 * y, true, 0),
                new Case("sub_(tensor)", Tensor::sub_, (x, y) -> x - y, true, 0),
                new Case("mul_(tensor)", Tensor::mul_, (x, y) -> x * y, true, 0),
                new Case("div_(tensor)", Tensor::div_, (x, y) -> x / y, true, 0),
                new Case("copy_(tensor)", Tensor::copy_, (x, y) -> y, true, 0),
                new Case("add_(scalar)", (v, b) -> v.add_(0.25), (x, y) -> x + 0.25, false, 0),
                new Case("mul_(scalar)", (v, b) -> v.mul_(-1.5), (x, y) -> -1.5 * x, false, 0),
                new Case("neg_()", (v, b) -> v.neg_(), (x, y) -> -x, false, 0),
                new Case("exp_()", (v, b) -> v.exp_(), (x, y) -> Math.exp(x), false, 0),
                new Case("sqrt_()", (v, b) -> v.sqrt_(), (x, y) -> Math.sqrt(x), false, 0),
                new Case("relu_()", (v, b) -> v.relu_(), (x, y) -> Math.max(x, 0), false, 1.0),
                new Case("clamp_(lo, hi)", (v, b) -> v.clamp_(-0.3, 0.2), (x, y) -> Math.min(Math.max(x, -0.3), 0.2), false, 1.0),
                new Case("fill_(value)", (v, b) -> v.fill_(0.75), (x, y) -> 0.75, false, 0));
    }

    private static final Shape BASE = Shape.of(4, 6);
    private static final Shape VIEW = Shape.of(3, 4);
    private static final double STEP = 1e-6;
    private static final Tolerance VALUES = new Tolerance(1e-12, 1e-10);
    // The expected gradients use central differences of the scalar function: about 1e-10 off.
    private static final Tolerance GRADIENTS = new Tolerance(1e-7, 1e-6);

    /** Runs the case called {@code method} on {@code backend}. */
    public static CheckResult run(Backend backend, String method) {
        Case c = cases().stream().filter(k -> k.method().equals(method)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no in-place case " + method + "; known: " + methods()));
        return run(backend, c);
    }

    static CheckResult run(Backend backend, Case c) {
        CaseLog log = new CaseLog(backend.name(), "in-place", name(c.method()));
        long seed = c.method().hashCode();
        RefArray a = uniform(BASE, seed, 0.5, 1.5), b = uniform(VIEW, seed + 1, 0.5, 1.5), weights = Values.direction(BASE, seed + 2);
        Model m = new Model(c, a, b, weights);
        List<RefArray> inputs = c.usesOther() ? List.of(a, b) : List.of(a);
        try (var _ = Scope.open()) {
            Tensor at = Values.tensor(a, backend).requiresGrad_(true);
            Tensor bt = Values.tensor(b, backend).requiresGrad_(c.usesOther());
            Tensor z = at.sub(c.shift());
            Tensor view = z.slice(1, 1, 6, 2).t();
            c.call().apply(view, bt);
            log.compared("base after the update", inputs, Comparison.of(Values.ref(z), m.base(), VALUES));
            log.compared("view after the update", inputs, Comparison.of(Values.ref(view), m.view(), VALUES));
            z.mul(Values.tensor(weights, backend)).sum().backward();
            grad(log, "gradient of the base's leaf", at, m.gradA(), inputs);
            if (c.usesOther()) grad(log, "gradient of the operand", bt, m.gradB(), inputs);
        } catch (Throwable e) {
            log.threw(c.method(), inputs, e);
        }
        return log.result();
    }

    private static void grad(CaseLog log, String what, Tensor leaf, RefArray expected, List<RefArray> inputs) {
        if (leaf.grad() == null) {
            log.failed(what, inputs, "backward() left no gradient");
            return;
        }
        log.compared(what, inputs, Comparison.of(Values.ref(leaf.grad()), expected, GRADIENTS));
    }

    private static RefArray uniform(Shape s, long seed, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[Math.toIntExact(s.numel())];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble(lo, hi);
        return RefArray.of(DType.F64, s, v);
    }

    /** The host model: view element {@code [i, r]} is base element {@code [r, 1 + 2i]}. */
    private record Model(Case c, RefArray a, RefArray b, RefArray weights) {
        private static int at(int r, int col) { return r * 6 + col; }

        private double z(int r, int col) { return a.get(at(r, col)) - c.shift(); }

        private double operand(int i, int r) { return b.get(i * 4 + r); }

        RefArray base() {
            double[] v = new double[24];
            for (int r = 0; r < 4; r++) {
                for (int col = 0; col < 6; col++) {
                    v[at(r, col)] = col % 2 == 1 ? c.f().applyAsDouble(z(r, col), operand((col - 1) / 2, r)) : z(r, col);
                }
            }
            return RefArray.of(DType.F64, BASE, v);
        }

        RefArray view() {
            double[] v = new double[12];
            for (int i = 0; i < 3; i++) for (int r = 0; r < 4; r++) v[i * 4 + r] = c.f().applyAsDouble(z(r, 1 + 2 * i), operand(i, r));
            return RefArray.of(DType.F64, VIEW, v);
        }

        RefArray gradA() {
            double[] v = new double[24];
            for (int r = 0; r < 4; r++) {
                for (int col = 0; col < 6; col++) {
                    double dz = col % 2 == 1 ? partial(z(r, col), operand((col - 1) / 2, r), true) : 1;
                    v[at(r, col)] = weights.get(at(r, col)) * dz;
                }
            }
            return RefArray.of(DType.F64, BASE, v);
        }

        RefArray gradB() {
            double[] v = new double[12];
            for (int i = 0; i < 3; i++) {
                for (int r = 0; r < 4; r++) v[i * 4 + r] = weights.get(at(r, 1 + 2 * i)) * partial(z(r, 1 + 2 * i), operand(i, r), false);
            }
            return RefArray.of(DType.F64, VIEW, v);
        }

        /** The central difference of the scalar function in its first ({@code first}) or second argument. */
        private double partial(double x, double y, boolean first) {
            DoubleBinaryOperator f = c.f();
            return first ? (f.applyAsDouble(x + STEP, y) - f.applyAsDouble(x - STEP, y)) / (2 * STEP)
                    : (f.applyAsDouble(x, y + STEP) - f.applyAsDouble(x, y - STEP)) / (2 * STEP);
        }
    }
}
