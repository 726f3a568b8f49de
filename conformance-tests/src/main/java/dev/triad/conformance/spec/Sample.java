package dev.triad.conformance.spec;

import dev.triad.conformance.reference.RefArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * One sample invocation of an op: inputs, attributes (which may depend on the case's dtype,
 * e.g. for {@code full}), and where it is used.
 *
 * @param name what the sample exercises, e.g. "broadcast [3,1] x [5]"
 * @param inputs the inputs
 * @param attrs the attributes for a case dtype
 * @param dtypes the case dtypes this sample applies to, or null for all of the op's dtypes
 * @param forGradient whether gradient checks use it (false for special values and kinks)
 * @param forBatching whether batching checks use it
 */
public record Sample(String name, List<InputSpec> inputs, Function<DType, Attrs> attrs, Set<DType> dtypes,
                     boolean forGradient, boolean forBatching) {
    /** Copies the inputs. */
    public Sample {
        inputs = List.copyOf(inputs);
    }

    /** True when the sample applies to case dtype {@code t}. */
    public boolean appliesTo(DType t) { return dtypes == null || dtypes.contains(t); }

    /** The attributes for case dtype {@code t}. */
    public Attrs attrsFor(DType t) { return attrs.apply(t); }

    /** The input values for case dtype {@code t}, reproducible from {@code seed}. */
    public List<RefArray> make(DType t, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<RefArray> out = new ArrayList<>(inputs.size());
        for (InputSpec in : inputs) out.add(in.make(t, r.split()));
        return out;
    }

    /** This sample no longer used by gradient checks. */
    public Sample noGradient() { return new Sample(name, inputs, attrs, dtypes, false, forBatching); }

    /** This sample no longer used by batching checks. */
    public Sample noBatching() { return new Sample(name, inputs, attrs, dtypes, forGradient, false); }

    /** Forward only: neither gradients nor batching use it. */
    public Sample forwardOnly() { return new Sample(name, inputs, attrs, dtypes, false, false); }

    /** This sample restricted to case dtypes {@code ts}. */
    public Sample only(DType... ts) { return new Sample(name, inputs, attrs, Set.of(ts), forGradient, forBatching); }

    /** A stable seed for this sample of op {@code op} and a variant (batch element, perturbation...). */
    public long seed(String op, int variant) {
        return (op + "/" + name).hashCode() * 1_000_003L + variant;
    }

    @Override
    public String toString() { return name; }
}
