package dev.triad.conformance.rules;

import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.reference.ReferenceOps;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * pow's derivative in the exponent is undefined for negative bases; a tangent that flows only
 * through the base must still come out finite, since front-ends pass zero tangents, not symbolic ones.
 */
class PowRuleTest {
    @Test
    void tangentThroughTheBaseAloneIsFiniteForNegativeBases() {
        ReferenceOps o = ReferenceOps.INSTANCE;
        RefArray x = RefArray.of(DType.F64, Shape.of(3), -3.0, 0.0, 2.0);
        RefArray y = RefArray.of(DType.F64, Shape.of(3), 2.0, 2.0, 2.0);
        RefArray out = o.pow(x, y);
        RefArray tx = RefArray.of(DType.F64, Shape.of(3), 1.0, 1.0, 1.0);
        RefArray ty = RefArray.filled(DType.F64, Shape.of(3), 0.0);
        RefArray t = Prims.POW.jvp(o, List.of(x, y), out, List.of(tx, ty), Attrs.EMPTY);
        assertArrayEquals(new double[] {-6.0, 0.0, 4.0}, t.toDoubles(), 1e-12);
    }
}
