package dev.triad.backend.cuda;

import dev.triad.spi.backend.Availability;
import dev.triad.spi.backend.BackendProvider;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.error.BackendUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe never throws and says why CUDA cannot run; device selection. */
class ProviderTest {
    @Test
    void serviceLoaderFindsTheProviderWithoutLoadingNativeCode() {
        BackendProvider p = Backends.providers().stream().filter(x -> x.name().equals("cuda")).findFirst().orElseThrow();
        assertEquals(CudaBackendProvider.PRIORITY, p.priority());
    }

    @Test
    void realProbeNeverThrowsAndExplains() {
        Availability a = new CudaBackendProvider().probe();
        System.out.println("cuda probe on this machine: " + a);
        assertFalse(a.reason().isBlank());
        if (!a.available()) {
            assertThrows(BackendUnavailableException.class, () -> new CudaBackendProvider().open(), "open must fail with the reason");
        }
    }

    @Test
    void missingDriverBecomesNoCudaDriver() {
        Availability a = new CudaBackendProvider(() -> {
            throw new UnsatisfiedLinkError("no jnicudart in java.library.path: libcuda.so.1: cannot open shared object file");
        }).probe();
        assertFalse(a.available());
        assertTrue(a.reason().startsWith("no CUDA driver"), a.reason());
        assertTrue(a.reason().contains("libcuda.so.1"), a.reason());
        // A second touch of a class whose initialisation failed throws NoClassDefFoundError: same answer.
        Availability b = new CudaBackendProvider(() -> { throw new NoClassDefFoundError("Could not initialize class org.bytedeco.cuda.global.cudart"); }).probe();
        assertTrue(b.reason().startsWith("no CUDA driver"), b.reason());
    }

    @Test
    void noDeviceAndOtherFailuresAreReasons() {
        assertEquals("the CUDA driver is installed but found no CUDA device",
                new CudaBackendProvider(() -> Discovery.none("the CUDA driver is installed but found no CUDA device")).probe().reason());
        Availability a = new CudaBackendProvider(() -> { throw new IllegalStateException("boom"); }).probe();
        assertFalse(a.available());
        assertTrue(a.reason().contains("boom"));
    }

    @Test
    void deviceSelection() {
        DeviceInfo d0 = new DeviceInfo(0, "NVIDIA A100-SXM4-40GB", 8, 0, 40L << 30, 108, 13010);
        DeviceInfo d1 = new DeviceInfo(1, "NVIDIA H100 80GB HBM3", 9, 0, 80L << 30, 132, 13010);
        List<DeviceInfo> all = List.of(d0, d1);
        assertEquals(d0, CudaBackendProvider.choose(all, null));
        assertEquals(d1, CudaBackendProvider.choose(all, "1"));
        assertEquals(d1, CudaBackendProvider.choose(all, "cuda:1"));
        assertEquals(d1, CudaBackendProvider.choose(all, "h100"));
        assertThrows(BackendUnavailableException.class, () -> CudaBackendProvider.choose(all, "7"));
        assertThrows(BackendUnavailableException.class, () -> CudaBackendProvider.choose(all, "v100"));
        Availability a = new CudaBackendProvider(() -> new Discovery(all, null)).probe();
        assertTrue(a.available());
        assertTrue(a.reason().contains("cuda:1 NVIDIA H100 80GB HBM3 (sm_90"), a.reason());
        assertEquals("13.1", d0.driverText());
    }
}
