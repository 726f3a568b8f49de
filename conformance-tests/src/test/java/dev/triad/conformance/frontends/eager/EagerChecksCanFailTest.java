package dev.triad.conformance.frontends.eager;

import dev.triad.backend.cpu.CpuBackend;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Status;
import dev.triad.conformance.spec.Gen;
import dev.triad.conformance.spec.In;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.eager.Tensor;
import dev.triad.eager.nn.Module;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The eager checks must be able to fail. Deliberately wrong derivatives are run through the
 * real eager front-end on the CPU backend: a {@code sin} whose VJP has the wrong sign, a
 * {@code sin} whose VJP is right but written with a {@code cos} whose own VJP is wrong
 * (only second derivatives go wrong), a layer that cuts part of its graph, and an in-place
 * method whose result is not what the host model says. The stand-in primitives run the CPU
 * backend's own {@code sin} and {@code cos} kernels (and the reference's, by name), so only
 * the rule under test is wrong.
 */
class EagerChecksCanFailTest {
    private static CpuBackend cpu;

    @BeforeAll
    static void open() {
        cpu = (CpuBackend) Backends.open("cpu");
    }

    @AfterAll
    static void close() {
        long live = cpu.allocator().stats().liveBytes();
        String report = cpu.allocator().liveBlockReport();
        cpu.close();
        assertEquals(0, live, () -> "live device memory after the tests: " + report);
    }

    /** A stand-in for {@code sin} with a right or sign-flipped VJP, differentiated with {@code cos}. */
    private static final class Sin extends Primitive {
        private final boolean flipVjp;
        private final Primitive cos;

        Sin(boolean flipVjp, Primitive cos) {
            super("sin", 1, 1, Category.UNARY, Derivative.DIFFERENTIABLE, List.of());
            this.flipVjp = flipVjp;
            this.cos = cos;
        }

        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) { return Prims.SIN.inferType(in, a); }

        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            T r = o.mul(g, o.apply(cos, Attrs.EMPTY, List.of(in.get(0))));
            return List.of(flipVjp ? o.neg(r) : r);
        }

        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            return o.mul(t.get(0), o.apply(cos, Attrs.EMPTY, List.of(in.get(0))));
        }
    }

    /** A stand-in for {@code cos} whose VJP has the wrong sign. */
    private static final Primitive BAD_COS = new Primitive("cos", 1, 1, Primitive.Category.UNARY, Primitive.Derivative.DIFFERENTIABLE, List.of()) {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) { return Prims.COS.inferType(in, a); }
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) { return List.of(o.mul(g, o.sin(in.get(0)))); }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) { return o.mul(t.get(0), o.sin(in.get(0))); }
    };

    /** {@code p} made runnable on the CPU backend with the kernel of {@code like}. */
    private static Primitive onCpu(Primitive p, Primitive like) {
        cpu.kernels().register(p, cpu.kernels().get(like));
        return p;
    }

    private static OpSpec spec(Primitive p) {
        return OpSpec.builder(p, DType.F64).sample("[3,4]", In.x(Gen.uniform(-2, 2), 3, 4)).sample("[5]", In.x(5)).secondOrder(true).build();
    }

    @Test
    void rightRulesPass() {
        OpSpec sin = spec(onCpu(new Sin(false, Prims.COS), Prims.SIN));
        assertEquals(Status.PASS, BackwardCheck.run(cpu, sin).status(), () -> BackwardCheck.run(cpu, sin).summary());
        assertEquals(Status.PASS, CreateGraphCheck.run(cpu, sin).status(), () -> CreateGraphCheck.run(cpu, sin).summary());
    }

    @Test
    void aFlippedVjpFailsBackward() {
        CheckResult r = BackwardCheck.run(cpu, spec(onCpu(new Sin(true, Prims.COS), Prims.SIN)));
        assertEquals(Status.FAIL, r.status(), r.summary());
    }

    @Test
    void aWrongRuleInsideTheVjpFailsCreateGraphOnly() {
        OpSpec sin = spec(onCpu(new Sin(false, onCpu(BAD_COS, Prims.COS)), Prims.SIN));
        assertEquals(Status.PASS, BackwardCheck.run(cpu, sin).status());
        CheckResult r = CreateGraphCheck.run(cpu, sin);
        assertEquals(Status.FAIL, r.status(), r.summary());
    }

    /** {@code tanh(x) * w}, whose input gradient is cut in half by a detach: the values are right, the gradient is not. */
    private static final class HalfDetached extends Module {
        private final Tensor w;

        HalfDetached() { w = registerParameter("w", dev.triad.eager.Tensors.ones(DType.F64, 3)); }

        @Override
        public Tensor forward(Tensor x) {
            Tensor y = x.tanh();
            return y.detach().add(y.sub(y.detach()).mul(0.5)).mul(w);
        }
    }

    @Test
    void aLayerWithACutGraphFails() {
        LayerCase broken = new LayerCase("test", "half-detached tanh", backend -> {
            HalfDetached m = new HalfDetached();
            m.to(backend);
            Tensor x = Values.tensor(Values.awayFromZero(Shape.of(2, 3), 1), backend).requiresGrad_(true);
            Map<String, Tensor> leaves = new LinkedHashMap<>();
            leaves.put("input", x);
            leaves.putAll(m.namedParameters());
            return new LayerCase.Problem(leaves, () -> m.apply(x).sum(), m::close);
        });
        CheckResult r = LayerGradientCheck.run(cpu, broken);
        assertEquals(Status.FAIL, r.status(), r.summary());
        assertEquals(1, r.problems().size(), () -> "only the input's gradient is wrong: " + r.summary());
    }

    @Test
    void anInPlaceResultThatDiffersFromTheModelFails() {
        // mul_ computes x * y; a model that claims x + y must be caught, on values and on gradients.
        InPlaceCheck.Case wrong = new InPlaceCheck.Case("mul_(tensor) claimed as add", Tensor::mul_, Double::sum, true, 0);
        CheckResult r = InPlaceCheck.run(cpu, wrong);
        assertEquals(Status.FAIL, r.status(), r.summary());
        assertEquals(Status.PASS, InPlaceCheck.run(cpu, "mul_(tensor)").status());
    }
}
