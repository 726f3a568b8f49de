package dev.triad.backend.opencl;

import dev.triad.spi.backend.Availability;
import dev.triad.spi.backend.Device;
import dev.triad.spi.error.BackendUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider without a real runtime: missing loader, missing platform, ranking and device choice. */
class ProviderTest {
    private static DeviceInfo device(int index, String name, boolean gpu) {
        return new DeviceInfo(index, null, "Test platform", name, "vendor", "OpenCL 1.2", "OpenCL C 1.2", "1.0", gpu, 4,
                1L << 30, 64 << 10, 1L << 28, 256, true, false, List.of("cl_khr_fp64"));
    }

    @Test
    void aMissingIcdLoaderIsReportedNotThrown() {
        OpenClBackendProvider p = new OpenClBackendProvider(() -> {
            throw new UnsatisfiedLinkError("Could not load libOpenCL.so.1");
        });
        Availability a = p.probe();
        assertFalse(a.available());
        assertTrue(a.reason().contains("libOpenCL.so.1"), a.reason());
        assertEquals(OpenClBackendProvider.CPU_ONLY_PRIORITY, p.priority());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, p::open);
        assertTrue(e.getMessage().contains("cannot run here"), e.getMessage());
    }

    @Test
    void theJoclDiscoveryTurnsLoaderFailuresIntoReasons() {
        // What JOCL throws when libOpenCL.so.1 is missing (its class initialisation), and afterwards.
        Discovery d = JoclDiscovery.guarded(() -> {
            throw new UnsatisfiedLinkError("Could not initialize native OpenCL library. Implementation library could not be loaded\nCould not load libOpenCL.so.1");
        });
        assertFalse(d.found());
        assertTrue(d.problem().contains("no ICD loader") && d.problem().contains("pocl-opencl-icd"), d.problem());
        assertFalse(d.problem().contains("\n"));
        Discovery again = JoclDiscovery.guarded(() -> {
            throw new NoClassDefFoundError("Could not initialize class org.jocl.CL");
        });
        assertFalse(again.found());
        Discovery failing = JoclDiscovery.guarded(() -> {
            throw new OpenClException(null, "clGetDeviceIDs", -33, null);
        });
        assertTrue(failing.problem().contains("CL_INVALID_DEVICE"), failing.problem());
    }

    @Test
    void noPlatformSaysHowToInstallOne() {
        OpenClBackendProvider p = new OpenClBackendProvider(() -> Discovery.none("no OpenCL platform found; " + JoclDiscovery.INSTALL_HINT));
        Availability a = p.probe();
        assertFalse(a.available());
        assertTrue(a.reason().contains("pocl-opencl-icd"), a.reason());
    }

    @Test
    void rankAboveTheCpuBackendOnlyWithAGpu() {
        OpenClBackendProvider cpuOnly = new OpenClBackendProvider(() -> Discovery.of(List.of(device(0, "pthread-cpu", false))));
        assertEquals(OpenClBackendProvider.CPU_ONLY_PRIORITY, cpuOnly.priority());
        assertTrue(cpuOnly.probe().available());
        assertTrue(cpuOnly.probe().reason().contains("opencl:0 pthread-cpu (CPU, OpenCL 1.2)"), cpuOnly.probe().reason());
        OpenClBackendProvider gpu = new OpenClBackendProvider(() -> Discovery.of(List.of(device(0, "pthread-cpu", false), device(1, "Big GPU", true))));
        assertEquals(OpenClBackendProvider.GPU_PRIORITY, gpu.priority());
    }

    @Test
    void devicesAreChosenByIndexOrNameDefaultingToAGpu() {
        List<DeviceInfo> ds = List.of(device(0, "pthread-cpu", false), device(1, "Big GPU", true));
        assertSame(ds.get(1), OpenClBackendProvider.choose(ds, null));
        assertSame(ds.get(0), OpenClBackendProvider.choose(ds, "0"));
        assertSame(ds.get(0), OpenClBackendProvider.choose(ds, "opencl:0"));
        assertSame(ds.get(1), OpenClBackendProvider.choose(ds, "big"));
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> OpenClBackendProvider.choose(ds, "7"));
        assertTrue(e.getMessage().contains("opencl:0 (pthread-cpu), opencl:1 (Big GPU)"), e.getMessage());
        assertThrows(BackendUnavailableException.class, () -> OpenClBackendProvider.choose(ds, "tpu"));
    }

    @Test
    void deviceDescriptionShowsVersionFp64AndExtensions() {
        Device d = device(0, "pthread-cpu", false).toDevice(true);
        assertEquals("opencl:0", d.id());
        assertEquals("OpenCL 1.2", d.properties().get("opencl"));
        assertEquals("yes", d.properties().get("fp64"));
        assertTrue(d.properties().get("fp16").startsWith("no"));
        assertEquals("cl_khr_fp64", d.properties().get("extensions"));
    }
}
