package dev.triad.conformance.run;

import dev.triad.conformance.check.ConformanceSuite;
import dev.triad.conformance.frontends.eager.EagerSuite;
import dev.triad.conformance.frontends.equivalence.FrontendEquivalenceCheck;
import dev.triad.conformance.frontends.functional.FunctionalSuite;
import dev.triad.conformance.frontends.graph.GraphFrontendChecks;
import dev.triad.conformance.spec.OpDatabase;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.spi.backend.Backend;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The front-end check sets: the built-in ones (the eager, functional and graph front-ends'
 * packages under {@code dev.triad.conformance.frontends}, and {@code equivalence}: the three
 * front-ends training the same MLP alike) and any registered as services.
 */
public final class Frontends {
    private Frontends() {}

    private record Named(String name, Function<Backend, List<ConformanceSuite.OpPlan>> planner) implements FrontendChecks {
        @Override public List<ConformanceSuite.OpPlan> plan(Backend backend) { return planner.apply(backend); }
    }

    /** Every set, built-in first, by name. */
    public static List<FrontendChecks> all() {
        Map<String, FrontendChecks> out = new LinkedHashMap<>();
        for (FrontendChecks f : builtIn()) out.put(f.name(), f);
        Iterator<FrontendChecks> it = ServiceLoader.load(FrontendChecks.class).iterator();
        while (true) {
            try {
                if (!it.hasNext()) break;
                FrontendChecks f = it.next();
                out.putIfAbsent(f.name(), f);
            } catch (ServiceConfigurationError | LinkageError e) {
                System.err.println("triad: skipping front-end checks that failed to load: " + e);
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * The sets called {@code names} (all of them for an empty list, none for {@code none}).
     *
     * @throws IllegalArgumentException for a name no set has
     */
    public static List<FrontendChecks> select(List<String> names) {
        List<FrontendChecks> all = all();
        if (names.isEmpty()) return all;
        if (names.size() == 1 && names.get(0).equalsIgnoreCase("none")) return List.of();
        List<FrontendChecks> out = new ArrayList<>();
        for (String n : names) {
            FrontendChecks f = all.stream().filter(x -> x.name().equalsIgnoreCase(n.trim())).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("no front-end checks called '" + n + "'; known: "
                            + all.stream().map(FrontendChecks::name).toList() + " (or none)"));
            if (!out.contains(f)) out.add(f);
        }
        return out;
    }

    /** The names of {@code sets}, lower case. */
    public static List<String> names(List<FrontendChecks> sets) {
        return sets.stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
    }

    private static List<FrontendChecks> builtIn() {
        return List.of(new Named("eager", EagerSuite::plan), new Named("functional", FunctionalSuite::plan), new Named("graph", Frontends::graphPlan),
                new Named("equivalence", b -> List.of(FrontendEquivalenceCheck.plan(b))));
    }

    private static List<ConformanceSuite.OpPlan> graphPlan(Backend backend) {
        List<ConformanceSuite.OpPlan> out = new ArrayList<>();
        for (OpSpec spec : OpDatabase.all()) {
            String op = spec.primitive().name();
            out.add(new ConformanceSuite.OpPlan(op, GraphFrontendChecks.plan(backend, op)));
        }
        return out;
    }
}
