package dev.triad.backend.cuda;

import dev.triad.codegen.c.CudaDialect;
import dev.triad.codegen.c.Strided;
import dev.triad.spi.backend.Buffer;
import dev.triad.spi.backend.MemoryStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host-side logic that needs no device: architecture choice, launch sizes, argument packing, cache keys, allocator, error mapping. */
class HostLogicTest {
    private static final int[] NVRTC_13 = {75, 80, 86, 87, 88, 89, 90, 100, 103, 110, 120, 121};

    @Test
    void cubinForKnownArchitecturesPtxOtherwise() {
        assertEquals(new ArchChoice("-arch=sm_90", true, 90), ArchChoice.of(9, 0, NVRTC_13));
        assertEquals(new ArchChoice("-arch=sm_86", true, 86), ArchChoice.of(8, 6, NVRTC_13));
        // A GPU newer than the toolkit: PTX of the nearest lower virtual architecture, JIT-compiled by the driver.
        assertEquals(new ArchChoice("-arch=compute_121", false, 121), ArchChoice.of(13, 0, NVRTC_13));
        assertEquals(new ArchChoice("-arch=compute_90", false, 90), ArchChoice.of(9, 5, new int[] {80, 90, 75}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArchChoice.of(6, 1, NVRTC_13));
        assertTrue(e.getMessage().contains("sm_61"));
    }

    @Test
    void launchSizes() {
        LaunchConfig small = LaunchConfig.linear(1000, 108);
        assertArrayEquals(new long[] {4, 1, 1}, small.grid());
        assertArrayEquals(new long[] {256, 1, 1}, small.block());
        LaunchConfig huge = LaunchConfig.linear(1L << 40, 108); // capped; the kernel's grid-stride loop covers the rest
        assertEquals(108L * LaunchConfig.BLOCKS_PER_SM, huge.grid()[0]);
        assertEquals(1, LaunchConfig.linear(0, 0).grid()[0]);
        LaunchConfig g = LaunchConfig.gemm(100, 130, 70000, 16, 64);
        assertArrayEquals(new long[] {3, 2, 65535}, g.grid());
        assertArrayEquals(new long[] {16, 16, 1}, g.block());
        assertEquals(65535, LaunchConfig.perItem(1L << 20, 256).grid()[0]);
        assertThrows(IllegalArgumentException.class, () -> new LaunchConfig(new long[] {1, 1, 1}, new long[] {1024, 2, 1}));
    }

    @Test
    void argumentPacking() {
        List<byte[]> p = KernelArgs.pack(new KernelArgs.DevicePtr(0x1122334455667788L), new long[] {1, -1}, 7L,
                new KernelArgs.Raw(2, 0xABCD), new KernelArgs.Raw(1, 0x1FF));
        assertEquals(5, p.size());
        assertArrayEquals(new byte[] {(byte) 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11}, p.get(0));
        assertEquals(16, p.get(1).length);
        assertEquals(1, p.get(1)[0]);
        assertEquals(-1, p.get(1)[8]);
        assertEquals(8, p.get(2).length);
        assertArrayEquals(new byte[] {(byte) 0xCD, (byte) 0xAB}, p.get(3));
        assertArrayEquals(new byte[] {(byte) 0xFF}, p.get(4));
        assertThrows(IllegalArgumentException.class, () -> KernelArgs.pack("no"));
        assertThrows(IllegalArgumentException.class, () -> new KernelArgs.Raw(3, 0));
    }

    @Test
    void cacheKeysCoverSourceOptionsArchitectureAndCompiler(@TempDir Path dir) {
        ArchChoice a90 = ArchChoice.of(9, 0, NVRTC_13), a80 = ArchChoice.of(8, 0, NVRTC_13);
        List<String> opts = CudaDialect.COMPILE_OPTIONS;
        String k = ModuleStore.key("src", opts, a90, "nvrtc-13.1");
        assertEquals(64, k.length());
        assertEquals(k, ModuleStore.key("src", opts, a90, "nvrtc-13.1"));
        assertNotEquals(k, ModuleStore.key("src2", opts, a90, "nvrtc-13.1"));
        assertNotEquals(k, ModuleStore.key("src", List.of("--fmad=true"), a90, "nvrtc-13.1"));
        assertNotEquals(k, ModuleStore.key("src", opts, a80, "nvrtc-13.1"));
        assertNotEquals(k, ModuleStore.key("src", opts, a90, "nvrtc-13.0"));
        ModuleStore store = new ModuleStore(dir.resolve("c"));
        assertNull(store.read(k, a90));
        store.write(k, a90, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, store.read(k, a90));
        store.delete(k, a90);
        assertNull(store.read(k, a90));
        assertNull(new ModuleStore(null).read(k, a90));
    }

    @Test
    void allocatorReusesSizeClassesAndCountsBytes() {
        List<Long> freed = new ArrayList<>();
        long[] next = {0x1000};
        CudaAllocator.RawMemory fake = new CudaAllocator.RawMemory() {
            @Override public long allocate(long bytes) { long a = next[0]; next[0] += bytes; return a; }
            @Override public void free(long address) { freed.add(address); }
        };
        CudaAllocator alloc = new CudaAllocator("cuda:0", 1L << 20, fake);
        Buffer a = Buffer.allocate(alloc, 1000);
        Object handle = a.handle();
        a.release();
        Buffer b = Buffer.allocate(alloc, 1010); // same size class: the cached block comes back
        assertEquals(handle, b.handle());
        MemoryStats s = alloc.stats();
        assertEquals(1010, s.liveBytes());
        assertEquals(1, s.cacheHits());
        b.release();
        assertEquals(0, alloc.stats().liveBytes());
        alloc.emptyCache();
        assertEquals(1, freed.size());
        assertEquals(0, alloc.stats().reservedBytes());
    }

    @Test
    void outOfMemoryBecomesTypedErrorAfterRetries() {
        CudaAllocator.RawMemory full = new CudaAllocator.RawMemory() {
            @Override public long allocate(long bytes) { throw new CudaException(null, "cuMemAlloc(" + bytes + " bytes)", CudaErrors.Library.DRIVER, 2, null); }
            @Override public void free(long address) { }
        };
        CudaAllocator alloc = new CudaAllocator("cuda:0", Long.MAX_VALUE, full);
        RuntimeException e = assertThrows(RuntimeException.class, () -> alloc.allocate(1 << 20));
        assertInstanceOf(dev.triad.spi.error.OutOfDeviceMemoryException.class, e);
        assertTrue(e.getMessage().contains("CUDA_ERROR_OUT_OF_MEMORY"), e.getMessage());
    }

    @Test
    void errorNamesAndStickiness() {
        assertEquals("CUDA_ERROR_ILLEGAL_ADDRESS", CudaErrors.name(CudaErrors.Library.DRIVER, 700));
        assertTrue(CudaErrors.isSticky(CudaErrors.Library.DRIVER, 700));
        assertTrue(CudaErrors.isSticky(CudaErrors.Library.DRIVER, 719));
        assertFalse(CudaErrors.isSticky(CudaErrors.Library.DRIVER, 2));
        assertFalse(CudaErrors.isSticky(CudaErrors.Library.CUBLAS, 700));
        assertEquals("NVRTC_ERROR_COMPILATION", CudaErrors.name(CudaErrors.Library.NVRTC, 6));
        assertEquals("CUBLAS_STATUS_NOT_SUPPORTED", CudaErrors.name(CudaErrors.Library.CUBLAS, 15));
        assertEquals("CUDNN_STATUS_BAD_PARAM_2003", CudaErrors.name(CudaErrors.Library.CUDNN, 2003));
        assertEquals("DRIVER_STATUS_12345", CudaErrors.name(CudaErrors.Library.DRIVER, 12345));
        assertThrows(DeviceLostException.class, () -> Cu.check("cuStreamSynchronize", 700));
        CudaException c = assertThrows(CudaException.class, () -> Cu.check("cuMemAlloc(1 bytes)", 2));
        assertEquals("CUDA_ERROR_OUT_OF_MEMORY", c.codeName());
        CudaException log = new CudaException("exp", "nvrtcCompileProgram(triad_f32)", CudaErrors.Library.NVRTC, 6, "triad_f32.cu(3): error: expected a ;");
        assertTrue(log.getMessage().contains("NVRTC_ERROR_COMPILATION (6)"), log.getMessage());
        assertTrue(log.getMessage().contains("expected a ;"), log.getMessage());
        assertEquals("exp", log.op());
        assertInstanceOf(DeviceLostException.class, new DeviceLostException(null, "x", 700).withOp("add"));
    }

    @Test
    void gemmPlans() {
        // Contiguous [2, 3] x [3, 4], batch 5: both operands as-is, column-major C^T = B^T A^T.
        GemmPlan p = GemmPlan.of(new long[] {5}, 2, 4, 3, new Strided(0, new long[] {6, 3, 1}), new Strided(10, new long[] {12, 4, 1}));
        assertEquals(new GemmPlan(false, false, 4, 2, 3, 4, 3, 4, 12, 6, 8, 5, 10, 0), p);
        // a transposed ([m, k] with unit row stride) and b broadcast over the batch.
        GemmPlan t = GemmPlan.of(new long[] {5}, 2, 4, 3, new Strided(0, new long[] {6, 1, 2}), new Strided(0, new long[] {0, 4, 1}));
        assertTrue(t.transSecond());
        assertEquals(2, t.ldSecond());
        assertEquals(0, t.strideFirst());
        // Batch dimensions that collapse, and ones that do not.
        assertEquals(6L, GemmPlan.batchStride(new long[] {2, 3}, new long[] {18, 6}));
        assertNull(GemmPlan.batchStride(new long[] {2, 3}, new long[] {0, 6}));
        assertEquals(0L, GemmPlan.batchStride(new long[] {2, 3}, new long[] {0, 0}));
        // Neither dimension contiguous: the generated kernel runs.
        assertNull(GemmPlan.of(new long[0], 4, 4, 4, new Strided(0, new long[] {8, 2}), new Strided(0, new long[] {4, 1})));
        assertNull(GemmPlan.of(new long[0], 4, 4, 0, new Strided(0, new long[] {0, 1}), new Strided(0, new long[] {4, 1})));
    }

    @Test
    void convPlans() {
        // 3x3, stride 2, pad 1 on 8x8 -> 4x4: forward.
        ConvPlan f = ConvPlan.of(new long[] {8, 8}, new long[] {3, 3}, new long[] {4, 4}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1);
        assertEquals(ConvPlan.Kind.FORWARD, f.kind());
        assertArrayEquals(new int[] {1, 1}, f.pad());
        // Its input gradient: dy 4x4 dilated by 2, pad lo = 3-1-1 = 1, out 8x8 -> backward data with stride 2, pad 1.
        ConvPlan b = ConvPlan.of(new long[] {4, 4}, new long[] {3, 3}, new long[] {8, 8}, new int[] {1, 1}, new int[] {1, 1}, new int[] {2, 2}, new int[] {1, 1}, 1);
        assertEquals(ConvPlan.Kind.BACKWARD_DATA, b.kind());
        assertArrayEquals(new int[] {2, 2}, b.stride());
        assertArrayEquals(new int[] {1, 1}, b.pad());
        assertEquals(ConvPlan.Kind.KERNEL, ConvPlan.of(new long[] {8}, new long[] {3}, new long[] {6}, new int[] {1}, new int[] {-1}, new int[] {1}, new int[] {1}, 1).kind());
        assertEquals(ConvPlan.Kind.KERNEL, ConvPlan.of(new long[] {4, 4}, new long[] {3, 3}, new long[] {8, 8}, new int[] {1, 1}, new int[] {1, 1}, new int[] {2, 2}, new int[] {1, 1}, 2).kind());
        // Asymmetric padding that changes the output size cuDNN would compute.
        assertEquals(ConvPlan.Kind.KERNEL, ConvPlan.of(new long[] {8}, new long[] {3}, new long[] {9}, new int[] {1}, new int[] {0}, new int[] {1}, new int[] {1}, 1).kind());
        PoolPlan pool = PoolPlan.of(new long[] {2, 3, 8, 8}, new long[] {2, 3, 4, 4}, new int[] {1, 1, 2, 2}, new int[] {1, 1, 2, 2}, new int[] {0, 0, 0, 0});
        assertArrayEquals(new int[] {2, 2}, pool.window());
        assertNull(PoolPlan.of(new long[] {2, 3, 8, 8}, new long[] {1, 3, 4, 4}, new int[] {2, 1, 2, 2}, new int[] {2, 1, 2, 2}, new int[] {0, 0, 0, 0}));
    }
}
