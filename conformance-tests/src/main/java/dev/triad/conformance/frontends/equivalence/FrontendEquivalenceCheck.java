package dev.triad.conformance.frontends.equivalence;

import static dev.triad.functional.Transforms.jit;

import dev.triad.conformance.check.CaseLog;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Comparison;
import dev.triad.conformance.check.ConformanceSuite;
import dev.triad.conformance.check.PlannedCheck;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.eager.nn.F;
import dev.triad.eager.optim.SGD;
import dev.triad.functional.Array;
import dev.triad.functional.Fn;
import dev.triad.functional.Jitted2;
import dev.triad.functional.Platform;
import dev.triad.functional.Transforms;
import dev.triad.functional.nn;
import dev.triad.functional.np;
import dev.triad.functional.optim.GradientTransformation;
import dev.triad.functional.optim.Optimizers;
import dev.triad.functional.optim.Update;
import dev.triad.functional.tree.Tree;
import dev.triad.graph.SessionOptions;
import dev.triad.graph.keras.Activation;
import dev.triad.graph.keras.Dense;
import dev.triad.graph.keras.Losses;
import dev.triad.graph.keras.Sequential;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Front-end equivalence: a 20-16-3 MLP (ReLU hidden layer, mean softmax cross-entropy), F32,
 * initialised with the same seeded weights in every front-end and trained with plain SGD
 * (learning rate {@value #LR}) for {@value #STEPS} steps on the same seeded batches of
 * {@value #BATCH}, gives the same loss trajectory through the eager, graph and functional
 * front-ends. The eager trajectory is the reference; the graph and functional ones are each one
 * case, passing when every step's loss is within a relative difference of {@value #RTOL} of the
 * eager loss (F32 sums in different orders differ by about 1e-7 relative; a wrong gradient,
 * update or initialisation shows up in the first or second step well above that). The result's
 * max error is the largest relative difference seen, its tolerance {@value #RTOL}.
 */
public final class FrontendEquivalenceCheck {
    private FrontendEquivalenceCheck() {}

    /** The check's name. */
    public static final String NAME = "front-end equivalence: MLP 20-16-3 SGD loss trajectory (eager vs graph vs functional)";
    /** The report row it is listed under. */
    public static final String OP = "front-end equivalence";

    static final int IN = 20, HIDDEN = 16, OUT = 3, BATCH = 8, STEPS = 5;
    static final double LR = 0.1;
    /** Allowed relative difference of each step's loss from the eager one. */
    public static final double RTOL = 1e-4;
    private static final long SEED = 20240611L;

    /** The front-ends, by name. */
    enum FrontEnd { EAGER, GRAPH, FUNCTIONAL }

    /**
     * A deliberate difference, for showing that the check can fail: {@code frontEnd} starts with
     * element (0, 0) of the first layer's weight shifted by {@code delta}.
     */
    record Perturbation(FrontEnd frontEnd, double delta) {}

    /** The data and initial weights, in the eager/functional layout ({@code [out, in]} weights). */
    record Problem(HostArray[] xs, HostArray[] ys, HostArray w1, HostArray b1, HostArray w2, HostArray b2) {
        static Problem make() {
            SplittableRandom r = new SplittableRandom(SEED);
            HostArray[] xs = new HostArray[STEPS], ys = new HostArray[STEPS];
            for (int s = 0; s < STEPS; s++) {
                double[] x = new double[BATCH * IN];
                long[] y = new long[BATCH];
                for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
                for (int i = 0; i < BATCH; i++) y[i] = r.nextInt(OUT);
                xs[s] = HostArray.fromDoubles(DType.F32, Shape.of(BATCH, IN), x);
                ys[s] = HostArray.fromLongs(DType.I64, Shape.of(BATCH), y);
            }
            return new Problem(xs, ys, uniform(r, HIDDEN, IN), uniform(r, HIDDEN), uniform(r, OUT, HIDDEN), uniform(r, OUT));
        }

        /** The weights as seen by {@code f} under perturbation {@code p} (null for none): w1, b1, w2, b2. */
        HostArray[] weights(FrontEnd f, Perturbation p) {
            HostArray first = w1;
            if (p != null && p.frontEnd() == f) {
                double[] v = w1.toDoubles();
                v[0] += p.delta();
                first = HostArray.fromDoubles(DType.F32, w1.shape(), v);
            }
            return new HostArray[] {first, b1, w2, b2};
        }
    }

    /** PyTorch's default Linear initialisation: uniform in +-1/sqrt(fan_in), fan_in the last dimension (or of the weight for a bias). */
    private static HostArray uniform(SplittableRandom r, long... dims) {
        int n = 1;
        for (long d : dims) n *= (int) d;
        double bound = 1 / Math.sqrt(dims.length == 2 ? dims[1] : HIDDEN);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextDouble(-bound, bound);
        return HostArray.fromDoubles(DType.F32, Shape.of(dims), v);
    }

    /** The check on {@code backend}, leak-checked, as a one-check plan for the suite and reports. */
    public static ConformanceSuite.OpPlan plan(Backend backend) {
        PlannedCheck.MemoryProbe memory = new PlannedCheck.MemoryProbe() {
            @Override public long liveBytes() { return backend.allocator().stats().liveBytes(); }
            @Override public String report() { return backend.allocator().liveBlockReport(); }
        };
        return new ConformanceSuite.OpPlan(OP, List.of(new PlannedCheck(OP, NAME, () -> run(backend), memory)));
    }

    /** Runs the check on {@code backend}. */
    public static CheckResult run(Backend backend) { return run(backend, null); }

    /** Runs the check with {@code perturbation} applied (null for none). */
    static CheckResult run(Backend backend, Perturbation perturbation) {
        CaseLog log = new CaseLog(backend.name(), OP, NAME);
        Problem problem = Problem.make();
        double[] eager;
        try {
            eager = eager(backend, problem, problem.weights(FrontEnd.EAGER, perturbation));
        } catch (Throwable e) {
            log.threw("eager front-end trains", e);
            return log.result();
        }
        for (int s = 0; s < STEPS; s++) {
            if (!Double.isFinite(eager[s])) {
                log.failed("eager front-end trains", "the eager loss at step " + s + " is " + eager[s] + ": " + Arrays.toString(eager));
                return log.result();
            }
        }
        for (FrontEnd f : List.of(FrontEnd.GRAPH, FrontEnd.FUNCTIONAL)) {
            String caseName = f.name().toLowerCase(Locale.ROOT) + " vs eager";
            try {
                HostArray[] w = problem.weights(f, perturbation);
                double[] other = f == FrontEnd.GRAPH ? graph(backend, problem, w) : functional(backend, problem, w);
                log.compared(caseName, compare(eager, other, f.name().toLowerCase(Locale.ROOT)));
            } catch (Throwable e) {
                log.threw(caseName, e);
            }
        }
        return log.result();
    }

    /** The largest relative difference of {@code other} from {@code eager}, held to {@link #RTOL}. */
    static Comparison compare(double[] eager, double[] other, String what) {
        double worst = 0;
        int worstStep = -1;
        for (int s = 0; s < STEPS; s++) {
            double rel = Math.abs(other[s] - eager[s]) / Math.max(Math.abs(eager[s]), 1e-6);
            if (Double.isNaN(rel)) rel = Double.POSITIVE_INFINITY;
            if (rel > worst) {
                worst = rel;
                worstStep = s;
            }
        }
        boolean ok = worst <= RTOL;
        String detail = ok ? "" : String.format(Locale.ROOT, "loss trajectories differ: max relative difference %.3g at step %d (tolerance %.1g); eager %s vs %s %s",
                worst, worstStep, RTOL, Arrays.toString(eager), what, Arrays.toString(other));
        return new Comparison(ok, worst, RTOL, detail, ok ? "" : Arrays.toString(eager), ok ? "" : Arrays.toString(other));
    }

    /** Eager: leaf tensors, {@code F.linear}/{@code relu}/{@code crossEntropy}, {@code backward()}, {@code optim.SGD}. */
    static double[] eager(Backend backend, Problem pr, HostArray[] w) {
        double[] losses = new double[STEPS];
        List<Tensor> params = new ArrayList<>();
        try {
            for (HostArray h : w) params.add(Tensor.fromHost(h, backend).requiresGrad_(true));
            try (SGD sgd = new SGD(params, LR)) {
                for (int s = 0; s < STEPS; s++) {
                    try (Scope scope = Scope.open()) {
                        sgd.zeroGrad();
                        Tensor x = Tensor.fromHost(pr.xs()[s], backend), y = Tensor.fromHost(pr.ys()[s], backend);
                        Tensor h = F.relu(F.linear(x, params.get(0), params.get(1)));
                        Tensor loss = F.crossEntropy(F.linear(h, params.get(2), params.get(3)), y, 0.0);
                        loss.backward();
                        losses[s] = loss.item();
                        sgd.step();
                    }
                }
            }
        } finally {
            for (Tensor t : params) t.close();
        }
        return losses;
    }

    /** Graph: a Keras-style {@code Sequential} of two {@code Dense} layers, compiled with {@code train.SGD}, {@code trainOnBatch}. */
    static double[] graph(Backend backend, Problem pr, HostArray[] w) {
        double[] losses = new double[STEPS];
        try (Sequential model = new Sequential(DType.F32, IN).seed(SEED).add(new Dense(HIDDEN, Activation.RELU)).add(new Dense(OUT))) {
            model.compile(new dev.triad.graph.train.SGD(LR), Losses.sparseCategoricalCrossentropy(true), List.of(), backend, SessionOptions.DEFAULT);
            List<String> names = new ArrayList<>(model.getWeights().keySet());
            if (names.size() != 4) throw new IllegalStateException("expected 4 trainable variables (two kernels, two biases), got " + names);
            Map<String, HostArray> weights = new LinkedHashMap<>();
            weights.put(names.get(0), transpose(w[0]));
            weights.put(names.get(1), w[1]);
            weights.put(names.get(2), transpose(w[2]));
            weights.put(names.get(3), w[3]);
            model.setWeights(weights);
            for (int s = 0; s < STEPS; s++) losses[s] = model.trainOnBatch(pr.xs()[s], pr.ys()[s]).get("loss");
        }
        return losses;
    }

    /** Functional: a pure loss of a parameter map, {@code valueAndGrad}, Optax-style {@code sgd}, the whole step under {@code jit}. */
    // The backend choice and scopes act by being open; their variables are not read.
    @SuppressWarnings("try")
    static double[] functional(Backend backend, Problem pr, HostArray[] w) {
        double[] losses = new double[STEPS];
        try (Platform.Restore ignored = Platform.use(backend)) {
            GradientTransformation sgd = Optimizers.sgd(LR);
            Fn lossFn = args -> {
                @SuppressWarnings("unchecked")
                Map<String, Array> p = (Map<String, Array>) args[0];
                @SuppressWarnings("unchecked")
                List<Array> b = (List<Array>) args[1];
                Array h = nn.relu(nn.linear(b.get(0), p.get("w1"), p.get("b1")));
                return nn.crossEntropy(nn.linear(h, p.get("w2"), p.get("b2")), b.get(1));
            };
            Fn lossAndGrad = Transforms.valueAndGrad(lossFn, new int[] {0}, false);
            Map<String, Array> params = new LinkedHashMap<>();
            params.put("w1", np.asarray(w[0]));
            params.put("b1", np.asarray(w[1]));
            params.put("w2", np.asarray(w[2]));
            params.put("b2", np.asarray(w[3]));
            List<Object> state = List.of(params, sgd.init(params));
            try (Jitted2<List<Object>, List<Array>, List<Object>> step = jit((List<Object> st, List<Array> batch) -> {
                @SuppressWarnings("unchecked")
                Map<String, Array> p = (Map<String, Array>) st.get(0);
                List<?> r = (List<?>) lossAndGrad.apply(p, batch);
                @SuppressWarnings("unchecked")
                Map<String, Array> grads = (Map<String, Array>) r.get(1);
                Update<Map<String, Array>> u = sgd.update(grads, st.get(1), p);
                return List.of(List.of(Optimizers.applyUpdates(p, u.updates()), u.state()), r.get(0));
            })) {
                for (int s = 0; s < STEPS; s++) {
                    try (dev.triad.functional.Scope scope = dev.triad.functional.Scope.open()) {
                        List<Object> out = step.apply(state, List.of(np.asarray(pr.xs()[s]), np.asarray(pr.ys()[s])));
                        @SuppressWarnings("unchecked")
                        List<Object> next = scope.keep((List<Object>) out.get(0));
                        losses[s] = ((Array) out.get(1)).item();
                        Tree.treeClose(state);
                        state = next;
                    }
                }
            } finally {
                Tree.treeClose(state);
            }
        }
        return losses;
    }

    /** {@code [out, in]} (the eager and functional weight) as {@code [in, out]} (the graph's Dense kernel). */
    private static HostArray transpose(HostArray w) {
        int out = (int) w.shape().dim(0), in = (int) w.shape().dim(1);
        double[] v = w.toDoubles(), t = new double[v.length];
        for (int o = 0; o < out; o++) for (int i = 0; i < in; i++) t[i * out + o] = v[o * in + i];
        return HostArray.fromDoubles(w.dtype(), Shape.of(in, out), t);
    }
}
