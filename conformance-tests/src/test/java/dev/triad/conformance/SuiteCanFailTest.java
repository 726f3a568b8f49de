package dev.triad.conformance;

import dev.triad.conformance.check.BatchingCheck;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.ErrorCheck;
import dev.triad.conformance.check.GradientCheck;
import dev.triad.conformance.check.SecondOrderCheck;
import dev.triad.conformance.check.Status;
import dev.triad.conformance.spec.Gen;
import dev.triad.conformance.spec.In;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.conformance.target.ReferenceTarget;
import dev.triad.spi.error.AttributeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The checks must be able to fail: deliberately broken rules (a flipped sign in a VJP, a JVP,
 * a second-order rule, a batching rule that forgets the batch axis, a wrong expected error) are
 * caught. The mutants reuse the reference kernels by name, so only the rule under test is wrong.
 */
class SuiteCanFailTest {
    /** A stand-in for {@code sin} (the reference runs it by name) whose rules can be broken one at a time. */
    private static final class MutantSin extends Primitive {
        private final boolean flipVjp, flipJvp, brokenBatch;
        private final Primitive cos;

        MutantSin(boolean flipVjp, boolean flipJvp, boolean brokenBatch, Primitive cos) {
            super("sin", 1, 1, Category.UNARY, Derivative.DIFFERENTIABLE, List.of());
            this.flipVjp = flipVjp;
            this.flipJvp = flipJvp;
            this.brokenBatch = brokenBatch;
            this.cos = cos;
        }

        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) { return Prims.SIN.inferType(in, a); }

        private <T> T d(Ops<T> o, T x) { return o.apply(cos, Attrs.EMPTY, List.of(x)); }

        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            T r = o.mul(g, d(o, in.get(0)));
            return List.of(flipVjp ? o.neg(r) : r);
        }

        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
            T r = o.mul(t.get(0), d(o, in.get(0)));
            return flipJvp ? o.neg(r) : r;
        }

        @Override public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
            // The broken rule claims the batch is on axis 0 whatever axis it came in on.
            return new Batched<>(o.apply(this, a, in), brokenBatch ? 0 : dims[0]);
        }
    }

    /** A stand-in for {@code cos} whose VJP has the wrong sign: first derivatives of sin stay right, second ones go wrong. */
    private static final Primitive BAD_COS = new Primitive("cos", 1, 1, Primitive.Category.UNARY, Primitive.Derivative.DIFFERENTIABLE, List.of()) {
        @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) { return Prims.COS.inferType(in, a); }
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) { return List.of(o.mul(g, o.sin(in.get(0)))); }
        @Override public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) { return o.mul(t.get(0), o.sin(in.get(0))); }
    };

    private static OpSpec spec(Primitive p) {
        return OpSpec.builder(p, DType.F64).sample("[3,4]", In.x(Gen.uniform(-2, 2), 3, 4)).sample("[5]", In.x(5)).secondOrder(true).build();
    }

    private static Status gradient(Primitive p) { return GradientCheck.run(ReferenceTarget.INSTANCE, spec(p)).status(); }

    @Test
    void correctRulesPass() {
        assertEquals(Status.PASS, gradient(new MutantSin(false, false, false, Prims.COS)));
        assertEquals(Status.PASS, SecondOrderCheck.run(ReferenceTarget.INSTANCE, spec(new MutantSin(false, false, false, Prims.COS))).status());
        assertEquals(Status.PASS, BatchingCheck.run(ReferenceTarget.INSTANCE, spec(new MutantSin(false, false, false, Prims.COS))).status());
    }

    @Test
    void aFlippedVjpSignFails() {
        CheckResult r = GradientCheck.run(ReferenceTarget.INSTANCE, spec(new MutantSin(true, false, false, Prims.COS)));
        assertEquals(Status.FAIL, r.status(), r.summary());
    }

    @Test
    void aFlippedJvpSignFails() {
        assertEquals(Status.FAIL, gradient(new MutantSin(false, true, false, Prims.COS)));
    }

    @Test
    void aWrongRuleInsideTheVjpFailsSecondOrderOnly() {
        MutantSin sin = new MutantSin(false, false, false, BAD_COS);
        assertEquals(Status.PASS, gradient(sin));
        assertEquals(Status.FAIL, SecondOrderCheck.run(ReferenceTarget.INSTANCE, spec(sin)).status());
    }

    @Test
    void aBatchingRuleThatLosesTheBatchAxisFails() {
        assertEquals(Status.FAIL, BatchingCheck.run(ReferenceTarget.INSTANCE, spec(new MutantSin(false, false, true, Prims.COS))).status());
    }

    @Test
    void theWrongErrorTypeFails() {
        OpSpec wrong = OpSpec.builder(Prims.ADD, DType.F32).sample("[3]", In.x(3), In.x(3))
                .error("non-broadcastable, claimed to be an attribute error", AttributeException.class, In.f32(3), In.f32(4)).build();
        assertEquals(Status.FAIL, ErrorCheck.run(ReferenceTarget.INSTANCE, wrong).status());
    }
}
