package dev.triad.bench.cpu.libtorch;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Gives libtorch the OpenMP setting it is fastest with here before its runtime loads: idle
 * threads asleep at once ({@code OMP_WAIT_POLICY=PASSIVE}), the configuration issue #8 quotes
 * for libtorch. With the bounded spin Triad uses for oneDNN ({@code ACTIVE},
 * {@code GOMP_SPINCOUNT=10000}) libtorch's MLP step went from 1.34 to 3.13 ms (one JMH run
 * each), so giving both the same variables would not compare each at its best. A value the
 * user exported wins; every implementation runs in its own fork, so this touches only
 * libtorch's.
 */
final class LibtorchOpenMp {
    private LibtorchOpenMp() {}

    /** Sets {@code OMP_WAIT_POLICY=PASSIVE} unless OMP_WAIT_POLICY or GOMP_SPINCOUNT is set; call before any torch class loads. */
    static void preferPassive() {
        if (System.getenv("OMP_WAIT_POLICY") != null || System.getenv("GOMP_SPINCOUNT") != null) return;
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
            try (Arena a = Arena.ofConfined()) {
                int rc = (int) setenv.invokeExact(a.allocateFrom("OMP_WAIT_POLICY"), a.allocateFrom("PASSIVE"), 0);
                if (rc != 0) throw new IllegalStateException("setenv OMP_WAIT_POLICY failed: " + rc);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("could not set OMP_WAIT_POLICY for libtorch", t);
        }
    }
}
