package dev.triad.spi.backend;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard notices a JVM signal handler that native code replaced and puts it back. The
 * replacement here is SIG_IGN for SIGHUP (harmless for a test JVM), standing in for the
 * handlers PoCL's LLVM installs (see the OpenCL backend's SignalHandlersTest for the real one).
 */
class JvmSignalGuardTest {
    private static final int SIGHUP = 1;
    private static final long SIG_IGN = 1;

    @Test
    void isActiveOnLinuxX86AndArm() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT), arch = System.getProperty("os.arch");
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64"))) {
            assertTrue(JvmSignalGuard.active(), () -> "the guard should work here: " + JvmSignalGuard.inactiveReason());
        } else {
            assertFalse(JvmSignalGuard.active());
            System.out.println("JvmSignalGuardTest: guard inactive here as expected: " + JvmSignalGuard.inactiveReason());
        }
    }

    @Test
    void aReplacedHandlerIsPutBackAndNothingElseIsTouched() {
        if (!JvmSignalGuard.active()) {
            System.out.println("JvmSignalGuardTest: skipped, the guard is inactive here: " + JvmSignalGuard.inactiveReason());
            return;
        }
        JvmSignalGuard.restore();
        assertTrue(JvmSignalGuard.intact(), () -> "before: " + JvmSignalGuard.owners());
        assertTrue(JvmSignalGuard.owners().contains("SIGSEGV=libjvm.so"), () -> JvmSignalGuard.owners().toString());
        int before = JvmSignalGuard.restoredCount();

        JvmSignalGuard.replaceForTest(SIGHUP, SIG_IGN);
        assertFalse(JvmSignalGuard.intact());
        assertTrue(JvmSignalGuard.owners().contains("SIGHUP=SIG_IGN"), () -> JvmSignalGuard.owners().toString());

        assertEquals(List.of("SIGHUP"), JvmSignalGuard.restore());
        assertTrue(JvmSignalGuard.intact(), () -> "after: " + JvmSignalGuard.owners());
        assertTrue(JvmSignalGuard.owners().contains("SIGHUP=libjvm.so"), () -> JvmSignalGuard.owners().toString());
        assertEquals(before + 1, JvmSignalGuard.restoredCount());
        assertEquals(List.of(), JvmSignalGuard.restore(), "a second restore finds nothing to do");
    }

    @Test
    void restoringAfterRestoresEvenWhenTheWorkThrows() {
        if (!JvmSignalGuard.active()) {
            System.out.println("JvmSignalGuardTest: skipped, the guard is inactive here: " + JvmSignalGuard.inactiveReason());
            return;
        }
        try {
            JvmSignalGuard.restoringAfter(() -> {
                JvmSignalGuard.replaceForTest(SIGHUP, SIG_IGN);
                throw new IllegalStateException("native init failed");
            });
        } catch (IllegalStateException expected) {
            assertEquals("native init failed", expected.getMessage());
        }
        assertTrue(JvmSignalGuard.intact(), () -> JvmSignalGuard.owners().toString());
    }
}
