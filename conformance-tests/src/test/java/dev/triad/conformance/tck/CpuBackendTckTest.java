package dev.triad.conformance.tck;

import dev.triad.backend.cpu.CpuBackendProvider;
import dev.triad.conformance.run.Selection;
import dev.triad.spi.backend.BackendProvider;

import java.nio.file.Path;
import java.util.List;

/**
 * {@link BackendTck} used exactly as a third party would, found and run by the Jupiter engine
 * itself: a subclass that names its provider. A few ops keep it quick; the full suite on the
 * CPU backend is {@code ConformanceTest}'s job.
 */
class CpuBackendTckTest extends BackendTck {
    @Override
    protected BackendProvider provider() { return new CpuBackendProvider(); }

    @Override
    protected Selection selection() { return Selection.of(List.of("add", "neg", "rng")); }

    @Override
    protected Path reportDirectory() { return Path.of("target", "triad-conformance-cpu-tck"); }
}
