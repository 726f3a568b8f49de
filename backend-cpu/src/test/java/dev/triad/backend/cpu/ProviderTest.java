package dev.triad.backend.cpu;

import dev.triad.spi.backend.Availability;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.BackendProvider;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.backend.Device;
import dev.triad.spi.backend.Support;
import dev.triad.spi.error.BackendUnavailableException;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderTest {
    @Test
    void serviceLoaderFindsTheCpuProviderAndItsProbeDescribesTheMachine() {
        BackendProvider cpu = null;
        for (BackendProvider p : Backends.providers()) if (p.name().equals("cpu")) cpu = p;
        assertNotNull(cpu, "META-INF/services registers the provider");
        assertEquals(10, cpu.priority());
        Availability a = cpu.probe();
        assertTrue(a.available(), a.reason());
        assertTrue(a.reason().matches("\\d+ threads, \\d+-bit SIMD \\(.+\\), .+"), a.reason());
    }

    @Test
    void deviceListsItsPropertiesInOrder() {
        try (Backend b = Backends.open("cpu")) {
            Device d = b.defaultDevice();
            assertEquals("cpu:0", d.id());
            assertEquals(List.of("threads", "pool", "simd_bits", "model", "memory", "onednn"), new ArrayList<>(d.properties().keySet()));
            // Loops run on oneDNN's OpenMP team where oneDNN loaded, on Java workers otherwise.
            String pool = d.properties().get("pool");
            assertTrue(CpuThreads.shared().threads() == 1 || pool.contains(d.properties().get("onednn").startsWith("oneDNN") ? "OpenMP" : "Java worker"), pool);
            // Either what loaded or why not; never missing.
            assertTrue(d.properties().get("onednn").matches("oneDNN .+|unavailable \\(.+\\)|disabled \\(.+\\)"), d.properties().get("onednn"));
            assertEquals(String.valueOf(CpuThreads.shared().threads()), d.properties().get("threads"));
            assertEquals(String.valueOf(jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize()), d.properties().get("simd_bits"));
        }
    }

    @Test
    void aDeviceSuffixReachesTheProviderAndAMissingDeviceIsAnError() {
        try (Backend b = Backends.open("cpu:0")) {
            assertEquals("cpu:0", b.defaultDevice().id());
        }
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> Backends.open("cpu:1"));
        assertTrue(e.getMessage().contains("single device, cpu:0; there is no device 'cpu:1'"), e.getMessage());
    }

    @Test
    void everyPrimitiveHasAKernelAndSupportIsHonest() {
        CpuBackend b = CpuTesting.BACKEND;
        for (Primitive p : Prims.all()) {
            if (p.isComposite()) {
                assertTrue(b.supports(p, DType.F32).supported(), p.name() + " runs fused or as its decomposition");
                // Fused exactly when the table has a kernel for it (scaled_add, the optimizer update, in the plain
                // table; oneDNN's softmax and norms are tested in onednn.DnnlNormalizationTest).
                assertEquals(b.kernels().composite(p) != null, b.hasFusedKernel(p), p.name());
                continue;
            }
            assertNotNull(b.kernels().get(p), "kernel for " + p.name());
        }
        assertEquals(Support.YES, b.supports(Prims.EXP, DType.BF16));
        assertFalse(b.supports(Prims.EXP, DType.I32).supported());
        assertFalse(b.supports(Prims.AND, DType.F32).supported());
        assertTrue(b.supports(Prims.AND, DType.BOOL).supported());
        assertFalse(b.supports(Prims.REDUCE_SUM, DType.BOOL).supported());
        assertTrue(b.hasFusedKernel(Prims.SCALED_ADD));
        assertFalse(b.hasFusedKernel(Prims.SOFTMAX));
    }
}
