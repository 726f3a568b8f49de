package dev.triad.conformance.custom;

import dev.triad.eager.Autograd;
import dev.triad.eager.EagerOps;
import dev.triad.eager.Tensor;
import dev.triad.functional.Array;
import dev.triad.functional.Platform;
import dev.triad.functional.Transforms;
import dev.triad.functional.lax;
import dev.triad.functional.np;
import dev.triad.graph.Output;
import dev.triad.graph.Session;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.custom.CustomOp;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphText;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same custom ops through the three front-ends: an elementwise op {@code y = f(x)} and an
 * index-space row sum {@code [r, c] -> [r]}, each with a VJP. Gradients of
 * {@code sum(op(x) * w)} are checked against central finite differences of the eager forward
 * pass; the graph and functional front-ends (grad, jit, the elementwise op's derived JVP,
 * vmap) must give the same values.
 */
final class FrontendCases {
    final Backend backend;
    final DType dtype;
    final CustomOp unary;
    final DoubleUnaryOperator reference;
    final CustomOp rowSum;
    /** Finite-difference step and the tolerance the gradients are held to. */
    final double eps, tol;

    FrontendCases(Backend backend, DType dtype, CustomOp unary, DoubleUnaryOperator reference, CustomOp rowSum, double eps, double tol) {
        this.backend = backend;
        this.dtype = dtype;
        this.unary = unary;
        this.reference = reference;
        this.rowSum = rowSum;
        this.eps = eps;
        this.tol = tol;
    }

    static final Shape SHAPE = Shape.of(2, 3);

    HostArray random(long seed, Shape shape) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[(int) shape.numel()];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble(-2, 2);
        return HostArray.fromDoubles(dtype, shape, v);
    }

    // ---- eager -------------------------------------------------------------------------------

    /** {@code sum(op(x) * w)} in the eager front-end, without a tape. */
    @SuppressWarnings("try") // no-grad mode acts by being open
    double eagerLoss(CustomOp op, double[] x, Shape xShape, HostArray w) {
        try (var noGrad = Autograd.noGrad();
             Tensor xt = Tensor.fromHost(HostArray.fromDoubles(dtype, xShape, x), backend);
             Tensor wt = Tensor.fromHost(w, backend);
             Tensor y = op.apply(EagerOps.of(backend), xt);
             Tensor p = y.mul(wt);
             Tensor s = p.sum()) {
            return s.item();
        }
    }

    /** Central finite differences of {@link #eagerLoss} at {@code x}. */
    double[] finiteDifferences(CustomOp op, HostArray x, HostArray w) {
        double[] base = x.toDoubles(), g = new double[base.length];
        for (int i = 0; i < base.length; i++) {
            double[] up = base.clone(), down = base.clone();
            up[i] += eps;
            down[i] -= eps;
            g[i] = (eagerLoss(op, up, x.shape(), w) - eagerLoss(op, down, x.shape(), w)) / (2 * eps);
        }
        return g;
    }

    /** Eager forward against the reference and backward (through the op's VJP) against finite differences; returns the gradient. */
    double[] eagerGradient(CustomOp op, HostArray x, HostArray w, double[] expectedForward) {
        try (Tensor xt = Tensor.fromHost(x, backend).requiresGrad_(true); Tensor wt = Tensor.fromHost(w, backend)) {
            double[] grad;
            try (Tensor y = op.apply(EagerOps.of(backend), xt); Tensor p = y.mul(wt); Tensor loss = p.sum()) {
                assertEquals(dtype, y.dtype());
                assertArrayEquals(expectedForward, y.toDoubleArray(), tol, "eager forward of " + op.name());
                loss.backward();
                grad = xt.grad().toDoubleArray();
            }
            assertArrayEquals(finiteDifferences(op, x, w), grad, tol, "eager gradient of " + op.name() + " vs finite differences");
            return grad;
        }
    }

    double[] unaryForward(HostArray x) {
        double[] v = x.toDoubles();
        for (int i = 0; i < v.length; i++) v[i] = reference.applyAsDouble(v[i]);
        return v;
    }

    static double[] rowSums(HostArray x) {
        double[] v = x.toDoubles();
        int rows = (int) x.shape().dim(0), cols = (int) x.shape().dim(1);
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) out[r] += v[r * cols + c];
        return out;
    }

    // ---- graph -------------------------------------------------------------------------------

    /** A graph with an unknown batch dimension, its symbolic gradient, run in a session; returns {y, dloss/dx}. */
    List<HostArray> graphRun(CustomOp op, HostArray x, HostArray w) {
        dev.triad.graph.GraphBuilder g = new dev.triad.graph.GraphBuilder();
        long cols = x.shape().dim(1);
        Output xp = g.placeholder("x", dtype, -1, cols);
        Output wp = g.placeholder("w", dtype, w.shape().rank() == 1 ? new long[] {-1} : new long[] {-1, cols});
        Output y = op.apply(g, xp);
        Output loss = g.sum(g.mul(y, wp));
        Output grad = g.gradients(loss, List.of(xp)).get(0);
        try (Session s = new Session(g, backend)) {
            return s.run(List.of(y, grad), Map.of(xp, x, wp, w));
        }
    }

    // ---- functional --------------------------------------------------------------------------

    /** {@code grad}, {@code jit(grad)} and {@code jit} of {@code sum(op(x) * w)}; returns {grad, jit grad, jit loss}. */
    @SuppressWarnings("try")
    List<double[]> functionalGrads(CustomOp op, HostArray x, HostArray w) {
        try (Platform.Restore ignored = Platform.use(backend); dev.triad.functional.Scope scope = dev.triad.functional.Scope.open()) {
            BiFunction<Array, Array, Array> loss = (a, b) -> np.sum(np.multiply(lax.bind(op, Attrs.EMPTY, a), b));
            Array xa = np.asarray(x), wa = np.asarray(w);
            double[] grad = Transforms.grad(loss).apply(xa, wa).toDoubleArray();
            double[] jitGrad;
            double jitLoss;
            try (var jg = Transforms.jit(Transforms.grad(loss)); var jl = Transforms.jit(loss)) {
                jitGrad = jg.apply(xa, wa).toDoubleArray();
                jitLoss = jl.apply(xa, wa).item();
            }
            return List.of(grad, jitGrad, new double[] {jitLoss});
        }
    }

    /**
     * Forward mode through the JVP an elementwise op derives from its VJP: with tangent {@code w}
     * the tangent out is {@code f'(x) * w}, which is also the gradient of {@code sum(op(x) * w)}.
     */
    @SuppressWarnings("try")
    double[] functionalJvpTangent(CustomOp op, HostArray x, HostArray w) {
        try (Platform.Restore ignored = Platform.use(backend); dev.triad.functional.Scope scope = dev.triad.functional.Scope.open()) {
            var r = Transforms.jvp((Array a) -> lax.bind(op, Attrs.EMPTY, a), np.asarray(x), np.asarray(w));
            return r.tangentOut().toDoubleArray();
        }
    }

    /** {@code vmap(op)} over a batch of {@code batch} inputs of {@code itemShape}, against one call per item. */
    @SuppressWarnings("try")
    void vmapMatchesALoop(CustomOp op, int batch, Shape itemShape) {
        try (Platform.Restore ignored = Platform.use(backend); dev.triad.functional.Scope scope = dev.triad.functional.Scope.open()) {
            HostArray xs = random(77, itemShape.insert(0, batch));
            Function<Array, Array> f = a -> lax.bind(op, Attrs.EMPTY, a);
            Array batched = Transforms.vmap(f).apply(np.asarray(xs));
            Array jitBatched;
            try (var jv = Transforms.jit(Transforms.vmap(f))) {
                jitBatched = jv.apply(np.asarray(xs));
            }
            double[] all = xs.toDoubles();
            int n = (int) itemShape.numel();
            double[] expected = new double[0];
            for (int b = 0; b < batch; b++) {
                double[] item = java.util.Arrays.copyOfRange(all, b * n, (b + 1) * n);
                double[] one = f.apply(np.asarray(HostArray.fromDoubles(dtype, itemShape, item))).toDoubleArray();
                double[] grown = java.util.Arrays.copyOf(expected, expected.length + one.length);
                System.arraycopy(one, 0, grown, expected.length, one.length);
                expected = grown;
            }
            assertEquals(batch, batched.shape().dim(0));
            assertArrayEquals(expected, batched.toDoubleArray(), 0, "vmap(" + op.name() + ") vs a loop");
            assertArrayEquals(expected, jitBatched.toDoubleArray(), 0, "jit(vmap(" + op.name() + ")) vs a loop");
        }
    }

    /** The traced graph of a function using {@code op} prints with the op's name and parses back to an equal graph. */
    @SuppressWarnings("try")
    void tracedGraphRoundTrips(CustomOp op, HostArray x) {
        try (Platform.Restore ignored = Platform.use(backend)) {
            Graph g = Transforms.makeJaxpr((Array a) -> np.exp(lax.bind(op, Attrs.EMPTY, a)), np.asarray(x));
            String text = GraphText.print(g);
            assertTrue(text.contains(" = " + op.name() + "(%"), text);
            assertEquals(g, GraphText.parse(text));
        }
    }

    // ---- all of it ---------------------------------------------------------------------------

    /** Runs every front-end on both ops. */
    void checkAll() {
        HostArray x = random(1, SHAPE), w = random(2, SHAPE), v = random(3, Shape.of(SHAPE.dim(0)));
        double[] expected = unaryForward(x);
        double[] eagerUnary = eagerGradient(unary, x, w, expected);
        double[] eagerRows = eagerGradient(rowSum, x, v, rowSums(x));

        List<HostArray> graphUnary = graphRun(unary, x, w);
        assertArrayEquals(expected, graphUnary.get(0).toDoubles(), tol, "graph forward of " + unary.name());
        assertArrayEquals(eagerUnary, graphUnary.get(1).toDoubles(), tol, "graph gradient of " + unary.name());
        List<HostArray> graphRows = graphRun(rowSum, x, v);
        assertArrayEquals(rowSums(x), graphRows.get(0).toDoubles(), tol, "graph forward of " + rowSum.name());
        assertArrayEquals(eagerRows, graphRows.get(1).toDoubles(), tol, "graph gradient of " + rowSum.name());

        List<double[]> fu = functionalGrads(unary, x, w);
        assertArrayEquals(eagerUnary, fu.get(0), tol, "functional grad of " + unary.name());
        assertArrayEquals(eagerUnary, fu.get(1), tol, "jit(grad) of " + unary.name());
        assertEquals(eagerLoss(unary, x.toDoubles(), SHAPE, w), fu.get(2)[0], tol, "jit loss of " + unary.name());
        List<double[]> fr = functionalGrads(rowSum, x, v);
        assertArrayEquals(eagerRows, fr.get(0), tol, "functional grad of " + rowSum.name());
        assertArrayEquals(eagerRows, fr.get(1), tol, "jit(grad) of " + rowSum.name());

        assertArrayEquals(eagerUnary, functionalJvpTangent(unary, x, w), tol, "functional jvp of " + unary.name());
        vmapMatchesALoop(unary, 3, SHAPE);
        vmapMatchesALoop(rowSum, 4, SHAPE);
        tracedGraphRoundTrips(unary, x);
        tracedGraphRoundTrips(rowSum, x);
    }
}
