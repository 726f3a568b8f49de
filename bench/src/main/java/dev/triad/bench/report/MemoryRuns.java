package dev.triad.bench.report;

import dev.triad.bench.Catalog;
import dev.triad.bench.training.MemoryProbe;
import dev.triad.bench.training.TrainSpec;
import dev.triad.bench.training.TrainStep;
import dev.triad.bench.training.TrainSteps;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The memory rows of a report, measured in the runner's own JVM: device bytes are
 * deterministic and need no statistics, and the heap counters need no fork.
 */
final class MemoryRuns {
    private MemoryRuns() {}

    /** Memory of one training step for every backend, network and front-end, reporting progress to {@code out}. */
    static List<MemoryRow> all(Catalog.Profile profile, List<String> backends, PrintStream out) {
        int steps = switch (profile) {
            case QUICK -> 3;
            case FULL -> 10;
            case SMOKE -> 1;
        };
        long warmupMillis = profile == Catalog.Profile.SMOKE ? 0 : profile == Catalog.Profile.QUICK ? 1500 : 5000;
        out.println("triad bench: memory per training step (" + steps + " measured step(s) after " + warmupMillis + " ms of warm-up steps) ...");
        List<MemoryRow> rows = new ArrayList<>();
        for (String model : List.of("mlp", "cnn")) {
            for (String frontend : TrainSteps.FRONTENDS) {
                for (String name : backends) {
                    try (Backend b = Backends.open(name)) {
                        MemoryProbe.Use use;
                        try (TrainStep step = TrainSteps.create(frontend, TrainSpec.of(model), b)) {
                            use = MemoryProbe.measure(step, b, steps, warmupMillis);
                        }
                        rows.add(new MemoryRow(name, model, frontend, use, null));
                        out.printf(Locale.ROOT, "    %-4s %-10s %-7s device peak %s, resident %s%n", model, frontend, name, Fmt.bytes(use.peakBytes()),
                                Fmt.bytes(use.residentBytes()));
                    } catch (RuntimeException | LinkageError ex) {
                        rows.add(new MemoryRow(name, model, frontend, null, ex.toString()));
                        out.println("    " + model + " " + frontend + " " + name + ": not measured: " + ex);
                    }
                }
            }
        }
        return rows;
    }
}
