package dev.triad.conformance.spec;

import dev.triad.spi.error.ArityException;
import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.ops.Attr;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything the suite knows about one op: the dtypes to test, sample inputs, tolerances per
 * dtype, invalid invocations with the error each must raise, and gradient-check settings. One
 * entry per {@link dev.triad.spi.prims.Prims} constant, kept in {@link OpDatabase}. Immutable;
 * built with {@link #builder}.
 */
public final class OpSpec {
    private final Primitive primitive;
    private final List<DType> dtypes;
    private final List<Sample> samples;
    private final Map<DType, Tolerance> tolerances;
    private final List<ErrorCase> errors;
    private final double gradientEps;
    private final Tolerance gradientTolerance;
    private final boolean secondOrder;
    private final String notes;

    private OpSpec(Builder b) {
        this.primitive = b.primitive;
        this.dtypes = List.copyOf(b.dtypes);
        this.samples = List.copyOf(b.samples);
        this.tolerances = Collections.unmodifiableMap(new EnumMap<>(b.tolerances));
        List<ErrorCase> e = new ArrayList<>(b.errors);
        if (!samples.isEmpty()) e.addAll(genericErrors(b.primitive, samples.get(0), dtypes.get(0)));
        this.errors = List.copyOf(e);
        this.gradientEps = b.gradientEps;
        this.gradientTolerance = b.gradientTolerance;
        this.secondOrder = b.secondOrder;
        this.notes = b.notes;
    }

    /** Starts a spec for {@code p} tested in {@code dtypes} (the first is used for layout checks). */
    public static Builder builder(Primitive p, DType... dtypes) { return new Builder(p, dtypes); }

    /** The op. */
    public Primitive primitive() { return primitive; }
    /** The case dtypes, main one first. */
    public List<DType> dtypes() { return dtypes; }
    /** Every sample. */
    public List<Sample> samples() { return samples; }
    /** Samples that apply to case dtype {@code t}. */
    public List<Sample> samplesFor(DType t) { return samples.stream().filter(s -> s.appliesTo(t)).toList(); }
    /** Invalid invocations, the op's own followed by the generic arity and attribute ones. */
    public List<ErrorCase> errors() { return errors; }
    /** Step of the central finite differences (in F64). */
    public double gradientEps() { return gradientEps; }
    /** How closely derivative rules must match finite differences. */
    public Tolerance gradientTolerance() { return gradientTolerance; }
    /** Whether second-order (gradient of gradient) checks run for this op. */
    public boolean secondOrder() { return secondOrder; }
    /** Free-form notes for reports (conventions assumed where the op table leaves a choice). */
    public String notes() { return notes; }

    /** The tolerance for results of dtype {@code t}: exact for integers and BOOL. */
    public Tolerance tolerance(DType t) {
        if (!t.isFloating()) return Tolerance.EXACT;
        return tolerances.getOrDefault(t, DEFAULTS.get(t));
    }

    private static final Map<DType, Tolerance> DEFAULTS = new EnumMap<>(Map.of(
            DType.F64, new Tolerance(1e-12, 1e-12),
            DType.F32, new Tolerance(1e-5, 1e-5),
            DType.BF16, new Tolerance(1e-2, 1.6e-2),
            DType.F16, new Tolerance(1e-3, 2e-3)));

    /** Arity and attribute errors every op must raise, built from its first sample. */
    private static List<ErrorCase> genericErrors(Primitive p, Sample first, DType t) {
        List<ErrorCase> out = new ArrayList<>();
        List<InputSpec> fixed = new ArrayList<>();
        for (InputSpec in : first.inputs()) fixed.add(new InputSpec(in.shape(), in.dtypeFor(t), in.gen()));
        Attrs attrs = first.attrsFor(t);
        if (p.maxArity() != Integer.MAX_VALUE) {
            List<InputSpec> more = new ArrayList<>(fixed);
            while (more.size() <= p.maxArity()) {
                more.add(fixed.isEmpty() ? new InputSpec(dev.triad.spi.types.Shape.of(2), DType.F32, Gen.normalish()) : fixed.get(fixed.size() - 1));
            }
            out.add(new ErrorCase((more.size() - p.maxArity()) + " input(s) too many (" + more.size() + ")", more, attrs, ArityException.class));
        }
        if (p.minArity() > 0 && fixed.size() == p.minArity()) {
            out.add(new ErrorCase("one input too few (" + (fixed.size() - 1) + ")", fixed.subList(0, fixed.size() - 1), attrs, ArityException.class));
        }
        if (!p.attrs().isEmpty()) {
            Attr<?> a = p.attrs().get(0);
            out.add(new ErrorCase("missing attribute '" + a.name() + "'", fixed, without(attrs, a.name()), AttributeException.class));
            Object wrong = a.type() == Attr.Type.BOOL ? (Object) Integer.valueOf(1) : Boolean.TRUE;
            out.add(new ErrorCase("attribute '" + a.name() + "' of the wrong type", fixed,
                    attrs.toBuilder().putRaw(a.name(), wrong).build(), AttributeException.class));
        }
        out.add(new ErrorCase("unknown attribute 'bogus'", fixed, attrs.toBuilder().putRaw("bogus", 1).build(), AttributeException.class));
        return out;
    }

    private static Attrs without(Attrs a, String name) {
        Attrs.Builder b = Attrs.builder();
        for (Map.Entry<String, Object> e : a.asMap().entrySet()) if (!e.getKey().equals(name)) b.putRaw(e.getKey(), e.getValue());
        return b.build();
    }

    @Override
    public String toString() { return primitive.name(); }

    /** Mutable builder of an {@link OpSpec}. */
    public static final class Builder {
        private final Primitive primitive;
        private final List<DType> dtypes;
        private final List<Sample> samples = new ArrayList<>();
        private final Map<DType, Tolerance> tolerances = new EnumMap<>(DType.class);
        private final List<ErrorCase> errors = new ArrayList<>();
        private double gradientEps = 1e-6;
        private Tolerance gradientTolerance = new Tolerance(1e-6, 1e-5);
        private boolean secondOrder;
        private String notes = "";

        private Builder(Primitive p, DType... dtypes) {
            this.primitive = p;
            this.dtypes = List.of(dtypes);
            if (dtypes.length == 0) throw new IllegalArgumentException(p + ": at least one dtype");
        }

        /** Adds a sample with fixed attributes. */
        public Builder sample(String name, Attrs attrs, InputSpec... inputs) {
            return add(new Sample(name, List.of(inputs), t -> attrs, null, true, true));
        }

        /** Adds a sample without attributes. */
        public Builder sample(String name, InputSpec... inputs) { return sample(name, Attrs.EMPTY, inputs); }

        /** Adds a sample whose attributes depend on the case dtype. */
        public Builder sample(String name, Function<DType, Attrs> attrs, InputSpec... inputs) {
            return add(new Sample(name, List.of(inputs), attrs, null, true, true));
        }

        /** Adds a prepared sample. */
        public Builder add(Sample s) {
            samples.add(s);
            return this;
        }

        /**
         * Changes the last added sample, e.g. {@code .sample(...).last(Sample::forwardOnly)}.
         */
        public Builder last(Function<Sample, Sample> change) {
            samples.set(samples.size() - 1, change.apply(samples.get(samples.size() - 1)));
            return this;
        }

        /** Sets the tolerance for results of dtype {@code t}. */
        public Builder tolerance(DType t, Tolerance tol) {
            tolerances.put(t, tol);
            return this;
        }

        /** Multiplies the default floating tolerances by {@code factor} (long decompositions, fused kernels). */
        public Builder looser(double factor) {
            for (Map.Entry<DType, Tolerance> e : DEFAULTS.entrySet()) tolerances.put(e.getKey(), e.getValue().times(factor));
            return this;
        }

        /** Adds an invalid invocation with no attributes. */
        public Builder error(String description, Class<? extends TriadException> expected, InputSpec... inputs) {
            return error(description, Attrs.EMPTY, expected, inputs);
        }

        /** Adds an invalid invocation. */
        public Builder error(String description, Attrs attrs, Class<? extends TriadException> expected, InputSpec... inputs) {
            errors.add(new ErrorCase(description, List.of(inputs), attrs, expected));
            return this;
        }

        /** Sets the finite-difference step. */
        public Builder gradientEps(double eps) {
            this.gradientEps = eps;
            return this;
        }

        /** Sets the tolerance of derivative checks. */
        public Builder gradientTolerance(Tolerance t) {
            this.gradientTolerance = t;
            return this;
        }

        /** Turns second-order checks on or off. */
        public Builder secondOrder(boolean on) {
            this.secondOrder = on;
            return this;
        }

        /** Notes for reports. */
        public Builder notes(String text) {
            this.notes = text;
            return this;
        }

        /** The immutable spec. */
        public OpSpec build() {
            if (samples.isEmpty()) throw new IllegalStateException(primitive + ": at least one sample");
            return new OpSpec(this);
        }
    }
}
