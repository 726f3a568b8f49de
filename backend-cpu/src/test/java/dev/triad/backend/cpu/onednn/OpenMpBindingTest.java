package dev.triad.backend.cpu.onednn;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * oneDNN's OpenMP threads are bound to cores, but the Java thread that loaded libgomp, and
 * the threads it starts afterwards, keep the process's whole CPU mask (a bound libgomp pins
 * its loading thread to the first core, which every later thread would inherit).
 */
class OpenMpBindingTest {
    @Test
    void javaThreadsKeepEveryCoreAfterOneDnnLoadsAndRuns() throws Exception {
        DnnlTesting.assumeLoaded();
        Path self = Path.of("/proc/thread-self/status");
        if (!Files.isReadable(self)) {
            System.out.println("OpenMpBindingTest: skipped, no /proc/thread-self here (not Linux)");
            return;
        }
        float[] v = new float[256 * 256];
        try (DeviceArray a = DnnlTesting.DNNL.upload(HostArray.fromFloats(DType.F32, Shape.of(256, 256), v));
             DeviceArray r = Dispatch.execute(DnnlTesting.DNNL, Prims.MATMUL, Attrs.EMPTY, List.of(a, a))) {
            assertEquals(256, r.type().shape().dim(0));
        }
        String process = cpus(Path.of("/proc/self/status"));
        assertEquals(process, cpus(self), "the thread that ran oneDNN");
        AtomicReference<String> child = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                child.set(cpus(Path.of("/proc/thread-self/status")));
            } catch (IOException e) {
                child.set(e.toString());
            }
        });
        t.start();
        t.join();
        assertEquals(process, child.get(), "a thread started after oneDNN loaded");
        String loaded = DnnlTesting.LOADED.runtime().description();
        assertTrue(loaded.contains("bound"), () -> "the oneDNN description should say how its threads are bound: " + loaded);
    }

    private static String cpus(Path status) throws IOException {
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("Cpus_allowed_list")).findFirst().orElseThrow();
    }
}
