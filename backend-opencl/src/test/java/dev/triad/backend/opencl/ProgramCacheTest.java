package dev.triad.backend.opencl;

import dev.triad.codegen.c.ProgramSource;
import dev.triad.spi.backend.BackendOps;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The program cache on a real device: a second backend loads binaries instead of compiling; build errors carry the log. */
class ProgramCacheTest {
    @TempDir
    Path dir;

    private static double[] exp(OpenClBackend b) {
        try (BackendOps o = new BackendOps(b)) {
            DeviceArray a = o.upload(HostArray.fromDoubles(DType.F32, Shape.of(3), 0, 1, 2));
            return b.download(o.exp(a)).toDoubles();
        }
    }

    @Test
    void aSecondRunLoadsTheBinaryFromDisk() throws Exception {
        String old = System.getProperty(ProgramCache.DIR_PROPERTY);
        System.setProperty(ProgramCache.DIR_PROPERTY, dir.toString());
        System.setProperty(ProgramCache.BINARY_PROPERTY, "on"); // PoCL would skip saving by default
        try {
            double[] first;
            try (OpenClBackend b = Devices.open()) {
                first = exp(b);
                exp(b);
                ProgramCache c = b.runtime().programs();
                assertEquals(1, c.sourceBuilds(), "the f32 program is compiled once");
                assertEquals(0, c.diskHits());
            }
            try (var files = Files.list(dir)) {
                assertEquals(1, files.filter(f -> f.toString().endsWith(".bin")).count(), "one binary on disk");
            }
            try (OpenClBackend b = Devices.open()) {
                assertArrayEquals(first, exp(b));
                ProgramCache c = b.runtime().programs();
                assertEquals(0, c.sourceBuilds(), "nothing rebuilt from source");
                assertEquals(1, c.diskHits());
            }
        } finally {
            System.clearProperty(ProgramCache.BINARY_PROPERTY);
            if (old == null) System.clearProperty(ProgramCache.DIR_PROPERTY);
            else System.setProperty(ProgramCache.DIR_PROPERTY, old);
        }
    }

    @Test
    void aCorruptBinaryIsReplacedBySourceBuild() throws Exception {
        String old = System.getProperty(ProgramCache.DIR_PROPERTY);
        System.setProperty(ProgramCache.DIR_PROPERTY, dir.toString());
        System.setProperty(ProgramCache.BINARY_PROPERTY, "on"); // PoCL would skip saving by default
        try {
            try (OpenClBackend b = Devices.open()) {
                exp(b);
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) Files.write(f, new byte[] {1, 2, 3});
            }
            try (OpenClBackend b = Devices.open()) {
                assertEquals(1.0, exp(b)[0]);
                assertEquals(1, b.runtime().programs().sourceBuilds());
            }
        } finally {
            System.clearProperty(ProgramCache.BINARY_PROPERTY);
            if (old == null) System.clearProperty(ProgramCache.DIR_PROPERTY);
            else System.setProperty(ProgramCache.DIR_PROPERTY, old);
        }
    }

    @Test
    void aBuildErrorCarriesTheCallTheCodeAndTheLog() {
        try (OpenClBackend b = Devices.open()) {
            ProgramSource broken = new ProgramSource("broken", "__kernel void k(__global float* y) { y[0] = undefined_thing; }", List.of("k"));
            OpenClException e = assertThrows(OpenClException.class, () -> b.runtime().kernel(broken, "k"));
            assertEquals("CL_BUILD_PROGRAM_FAILURE", e.codeName());
            assertTrue(e.call().startsWith("clBuildProgram(broken"), e.call());
            assertTrue(e.buildLog().contains("undefined_thing"), e.buildLog());
            assertTrue(e.getMessage().contains("undefined_thing"), e.getMessage());
        }
    }
}
