package dev.triad.backend.opencl;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Program cache keys: stable, and different whenever what the compiler sees differs. */
class ProgramCacheKeyTest {
    @Test
    void keyDependsOnDeviceOptionsAndSource() {
        String k = ProgramCache.key("pocl|cpu|3.1", "", "kernel void k() {}");
        assertEquals(64, k.length(), "hex SHA-256");
        assertEquals(k, ProgramCache.key("pocl|cpu|3.1", "", "kernel void k() {}"));
        assertNotEquals(k, ProgramCache.key("pocl|cpu|3.2", "", "kernel void k() {}"), "a driver update rebuilds");
        assertNotEquals(k, ProgramCache.key("pocl|cpu|3.1", "-cl-fast-relaxed-math", "kernel void k() {}"));
        assertNotEquals(k, ProgramCache.key("pocl|cpu|3.1", "", "kernel void k() { }"));
        // The separator keeps (a, bc) and (ab, c) apart.
        assertNotEquals(ProgramCache.key("a", "b", "c"), ProgramCache.key("a", "", "bc"));
    }

    @Test
    void binariesAreSavedExceptOnPoclUnlessAskedFor() {
        assertEquals(true, ProgramCache.saveBinaries("NVIDIA CUDA (OpenCL 3.0 CUDA 12.4)"));
        assertEquals(false, ProgramCache.saveBinaries("Portable Computing Language (OpenCL 3.0 PoCL 3.1)"));
        System.setProperty(ProgramCache.BINARY_PROPERTY, "on");
        try {
            assertEquals(true, ProgramCache.saveBinaries("Portable Computing Language (OpenCL 3.0 PoCL 3.1)"));
        } finally {
            System.clearProperty(ProgramCache.BINARY_PROPERTY);
        }
    }

    @Test
    void directoryComesFromThePropertyAndOffDisablesIt() {
        String old = System.getProperty(ProgramCache.DIR_PROPERTY);
        try {
            System.setProperty(ProgramCache.DIR_PROPERTY, "/tmp/triad-cache-test");
            assertEquals(Path.of("/tmp/triad-cache-test"), ProgramCache.configuredDir());
            System.setProperty(ProgramCache.DIR_PROPERTY, "off");
            assertNull(ProgramCache.configuredDir());
        } finally {
            if (old == null) System.clearProperty(ProgramCache.DIR_PROPERTY);
            else System.setProperty(ProgramCache.DIR_PROPERTY, old);
        }
    }
}
