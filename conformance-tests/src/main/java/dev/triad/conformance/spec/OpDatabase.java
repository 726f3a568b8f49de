package dev.triad.conformance.spec;

import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The op database: one {@link OpSpec} per primitive and composite of {@link Prims}, in the
 * registry's order. Adding an op to {@link Prims} without an entry here fails the suite's
 * coverage test.
 */
public final class OpDatabase {
    private OpDatabase() {}

    private static final Map<Primitive, OpSpec> SPECS = load();

    private static Map<Primitive, OpSpec> load() {
        List<OpSpec> all = new ArrayList<>();
        all.addAll(UnarySpecs.specs());
        all.addAll(BinarySpecs.specs());
        all.addAll(SelectCastSpecs.specs());
        all.addAll(ReductionSpecs.specs());
        all.addAll(MovementSpecs.specs());
        all.addAll(IndexingSpecs.specs());
        all.addAll(ContractionSpecs.specs());
        all.addAll(WindowSpecs.specs());
        all.addAll(CreationSpecs.specs());
        all.addAll(CompositeSpecs.specs());
        Map<Primitive, OpSpec> byOp = new LinkedHashMap<>();
        for (OpSpec s : all) {
            if (byOp.put(s.primitive(), s) != null) throw new IllegalStateException("two op specs for " + s.primitive());
        }
        // Registry order, so reports read like Prims; specs of ops not (or no longer) in Prims go last.
        Map<Primitive, OpSpec> ordered = new LinkedHashMap<>();
        for (Primitive p : Prims.all()) if (byOp.containsKey(p)) ordered.put(p, byOp.get(p));
        ordered.putAll(byOp);
        return Collections.unmodifiableMap(ordered);
    }

    /** Every spec. */
    public static List<OpSpec> all() { return List.copyOf(SPECS.values()); }

    /** The spec of {@code p}, or null when there is none. */
    public static OpSpec get(Primitive p) { return SPECS.get(p); }

    /** The primitives of {@link Prims#all()} that have no spec. */
    public static List<Primitive> missing() {
        List<Primitive> out = new ArrayList<>();
        for (Primitive p : Prims.all()) if (!SPECS.containsKey(p)) out.add(p);
        return out;
    }
}
