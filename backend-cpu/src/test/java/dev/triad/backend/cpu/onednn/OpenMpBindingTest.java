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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the user's {@code OMP_PROC_BIND=true OMP_PLACES=cores}, libgomp pins the thread that
 * loads it to the first core, and every thread that thread starts later would inherit that;
 * the CPU backend gives the loading Java thread its whole mask back. Checked in a child JVM
 * started with those variables (they are read once, when libgomp loads).
 */
class OpenMpBindingTest {
    @Test
    void javaThreadsKeepEveryCoreWhenTheUserBindsOpenMp() throws Exception {
        DnnlTesting.assumeLoaded();
        if (!Files.isReadable(Path.of("/proc/thread-self/status"))) {
            System.out.println("OpenMpBindingTest: skipped, no /proc/thread-self here (not Linux)");
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put(OpenMp.PROC_BIND, "true");
        pb.environment().put(OpenMp.PLACES, "cores");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the probe JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        String process = line(out, "process"), self = line(out, "loader"), child = line(out, "child");
        assertEquals(process, self, "the thread that loaded oneDNN and ran it:\n" + out);
        assertEquals(process, child, "a thread started after oneDNN loaded:\n" + out);
        assertTrue(line(out, "onednn").contains("bound as the environment says"), out);
    }

    private static String line(String out, String key) {
        return out.lines().filter(l -> l.startsWith(key + ": ")).map(l -> l.substring(key.length() + 2)).findFirst().orElse("(no " + key + " line)");
    }

    /** The child JVM: loads oneDNN (with the caller's OpenMP variables), runs a matmul, prints CPU masks. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            float[] v = new float[256 * 256];
            try (DeviceArray a = DnnlTesting.DNNL.upload(HostArray.fromFloats(DType.F32, Shape.of(256, 256), v));
                 DeviceArray r = Dispatch.execute(DnnlTesting.DNNL, Prims.MATMUL, Attrs.EMPTY, List.of(a, a))) {
                if (r.type().shape().dim(0) != 256) throw new IllegalStateException("matmul shape " + r.type());
            }
            System.out.println("onednn: " + (DnnlTesting.LOADED.available() ? DnnlTesting.LOADED.runtime().description() : DnnlTesting.LOADED.description()));
            System.out.println("process: " + cpus(Path.of("/proc/self/status")));
            System.out.println("loader: " + cpus(Path.of("/proc/thread-self/status")));
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
            System.out.println("child: " + child.get());
        }

        private static String cpus(Path status) throws IOException {
            return Files.readAllLines(status).stream().filter(l -> l.startsWith("Cpus_allowed_list")).findFirst().orElseThrow();
        }
    }
}
