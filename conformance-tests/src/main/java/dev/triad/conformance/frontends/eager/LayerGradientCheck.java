package dev.triad.conformance.frontends.eager;

import dev.triad.conformance.check.CaseLog;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Comparison;
import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.spec.Tolerance;
import dev.triad.eager.Autograd;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.spi.backend.Backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code backward()} of a layer or loss against central finite differences, in F64 on a
 * backend: after {@code loss.backward()}, for every leaf (the input, each parameter, a loss's
 * target) and a random direction u, {@code <leaf.grad, u>} must match
 * {@code (L(leaf + eps u) - L(leaf - eps u)) / 2 eps}, where L is evaluated by the same
 * layer under no-grad with the leaf overwritten in place and restored afterwards. A directional
 * difference costs two forward passes per leaf, however large it is, which keeps the check fast.
 */
public final class LayerGradientCheck {
    private LayerGradientCheck() {}

    /** The check's name for a case called {@code caseName}. */
    public static String name(String caseName) { return "eager backward() vs finite differences: " + caseName; }

    private static final double EPS = 1e-6;
    private static final Tolerance TOL = new Tolerance(1e-6, 1e-5);

    /** The cases, by report row ({@code Linear}, {@code Conv2d}, ..., {@code CrossEntropyLoss}) and name. */
    public static Map<String, List<String>> cases() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (LayerCase c : LayerCases.all()) out.computeIfAbsent(c.group(), k -> new ArrayList<>()).add(c.name());
        return out;
    }

    /** Runs case {@code name} of row {@code group} on {@code backend}. */
    public static CheckResult run(Backend backend, String group, String name) {
        LayerCase c = LayerCases.all().stream().filter(k -> k.group().equals(group) && k.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no layer case " + group + " / " + name));
        return run(backend, c);
    }

    static CheckResult run(Backend backend, LayerCase c) {
        CaseLog log = new CaseLog(backend.name(), c.group(), name(c.name()));
        try (var _ = Scope.open()) {
            LayerCase.Problem problem = c.build().apply(backend);
            try {
                check(backend, c, problem, log);
            } finally {
                problem.release().run();
            }
        } catch (Throwable e) {
            log.threw(c.name(), e);
        }
        return log.result();
    }

    private static void check(Backend backend, LayerCase c, LayerCase.Problem problem, CaseLog log) {
        problem.loss().get().backward();
        int k = 0;
        for (Map.Entry<String, Tensor> e : problem.leaves().entrySet()) {
            String leafName = e.getKey();
            Tensor leaf = e.getValue();
            long seed = (c.group() + "/" + c.name() + "/" + leafName).hashCode() + k++;
            if (leaf.grad() == null) {
                log.failed(leafName, "backward() left no gradient on " + leafName + " " + leaf.type());
                continue;
            }
            RefArray g = Values.ref(leaf.grad());
            RefArray base = Values.ref(leaf);
            RefArray u = Values.direction(base.shape(), seed);
            double plus = lossAt(backend, problem, leaf, Values.axpy(base, EPS, u));
            double minus = lossAt(backend, problem, leaf, Values.axpy(base, -EPS, u));
            restore(backend, leaf, base);
            double fd = (plus - minus) / (2 * EPS), lhs = Values.dot(g, u);
            double allowed = TOL.atol() * (1 + Values.absDot(g, u)) + TOL.rtol() * Math.abs(fd);
            log.compared(leafName + " " + leaf.type(), Comparison.scalars(lhs, fd, allowed, "<grad, u> vs finite difference of the loss along u"));
        }
    }

    /** The loss with {@code leaf} holding {@code values}, computed without recording. */
    private static double lossAt(Backend backend, LayerCase.Problem problem, Tensor leaf, RefArray values) {
        try (var _ = Autograd.noGrad(); var _ = Scope.open()) {
            leaf.copy_(Values.tensor(values, backend));
            return problem.loss().get().item();
        }
    }

    private static void restore(Backend backend, Tensor leaf, RefArray values) {
        try (var _ = Autograd.noGrad(); var _ = Scope.open()) {
            leaf.copy_(Values.tensor(values, backend));
        }
    }
}
