package dev.triad.conformance.tck;

import dev.triad.backend.cpu.CpuBackendProvider;
import dev.triad.spi.backend.Availability;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.BackendProvider;

/**
 * The provider of {@link PartialBackend}. Deliberately not registered as a service: it would
 * otherwise join (and fail) the suite over every backend on the class path.
 */
final class PartialBackendProvider implements BackendProvider {
    @Override public String name() { return PartialBackend.NAME; }
    @Override public int priority() { return 0; }
    @Override public Availability probe() { return Availability.available("elementwise ops only, on the CPU backend; sub is wrong on purpose"); }
    @Override public Backend open() { return new PartialBackend(new CpuBackendProvider().open()); }
}
