package dev.triad.conformance.run;

import dev.triad.conformance.check.ConformanceSuite;
import dev.triad.spi.backend.Backend;

import java.util.List;

/**
 * A set of front-end checks that joins the suite on every backend, so that reports show
 * front-end equivalence beside the op checks. The built-in sets are listed in
 * {@link Frontends}; others are found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.triad.conformance.run.FrontendChecks}.
 */
public interface FrontendChecks {
    /** Short name for {@code --frontend}, e.g. {@code functional}. */
    String name();

    /**
     * The checks on {@code backend}, grouped by op (use the op database's names so that
     * reports put them in the same rows as the op checks). Planning must be cheap: the
     * checks run later, and only those a {@link Selection} picks.
     */
    List<ConformanceSuite.OpPlan> plan(Backend backend);
}
