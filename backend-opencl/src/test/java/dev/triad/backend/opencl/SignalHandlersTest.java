package dev.triad.backend.opencl;

import dev.triad.spi.backend.BackendOps;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.backend.JvmSignalGuard;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loading PoCL and compiling a kernel with it replaces the JVM's SIGSEGV, SIGFPE, SIGBUS,
 * SIGILL, SIGUSR2, SIGINT, SIGTERM and SIGHUP handlers with LLVM's and PoCL's (seen with PoCL
 * 3.1 / LLVM 15). Without the JVM's handlers, compiled Java code that traps on purpose (an
 * implicit null check, a division by zero) can kill the process; that crashed one training
 * run in about twenty. After the backend is opened and has built a program, every handler
 * must be the JVM's again.
 */
class SignalHandlersTest {
    @Test
    void theJvmKeepsItsSignalHandlersAfterOpenClLoadsAndCompiles() {
        try (OpenClBackend backend = Devices.open(); BackendOps o = new BackendOps(backend)) {
            assertTrue(JvmSignalGuard.intact(), () -> "after opening OpenCL: " + JvmSignalGuard.owners());
            // A dtype/op pair no other test in this class built: a fresh program (or a binary from the disk cache) is built now.
            DeviceArray a = o.upload(HostArray.fromDoubles(DType.F64, Shape.of(3), 1, 2, 3));
            DeviceArray b = o.mul(a, a);
            assertArrayEquals(new double[] {1, 4, 9}, backend.download(b).toDoubles());
            assertTrue(JvmSignalGuard.intact(), () -> "after building a program: " + JvmSignalGuard.owners());
            System.out.println("SignalHandlersTest: handlers put back in this JVM so far: " + JvmSignalGuard.restoredCount()
                    + (JvmSignalGuard.active() ? "" : " (guard inactive: " + JvmSignalGuard.inactiveReason() + ")"));
        }
    }
}
