package dev.triad.conformance.spec;

import dev.triad.conformance.reference.RefArray;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An invalid invocation and the typed error it must raise, at the call, with a message that
 * names the op.
 *
 * @param description what is wrong, e.g. "k mismatch [3,4] x [5,2]"
 * @param inputs the inputs (their dtypes are fixed by the case: a null dtype means F32)
 * @param attrs the attributes
 * @param expected the exception type (or a subclass) that must be raised
 */
public record ErrorCase(String description, List<InputSpec> inputs, Attrs attrs, Class<? extends TriadException> expected) {
    /** Copies the inputs. */
    public ErrorCase {
        inputs = List.copyOf(inputs);
    }

    /** The input values (inputs without a fixed dtype are F32). */
    public List<RefArray> make(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<RefArray> out = new ArrayList<>();
        for (InputSpec in : inputs) out.add(in.make(DType.F32, r.split()));
        return out;
    }

    @Override
    public String toString() { return description + " -> " + expected.getSimpleName(); }
}
