package dev.triad.spi.backend;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps the JVM's own signal handlers installed after native libraries replace them.
 *
 * <p>HotSpot handles SIGSEGV, SIGBUS, SIGFPE and SIGILL itself on every run: compiled Java code
 * reads through a null reference or divides by zero on purpose and relies on the JVM's handler
 * to turn the trap into a {@code NullPointerException}, an {@code ArithmeticException} or a
 * deoptimisation. SIGUSR2 suspends threads, SIGINT/SIGTERM/SIGHUP run the shutdown hooks.
 * Some OpenCL and CUDA runtimes install handlers of their own for all of these when they load
 * or compile a kernel: PoCL's LLVM installs a crash reporter that resets the signal to its
 * default action on entry (so a second thread trapping at the same moment kills the process
 * with a bare "Segmentation fault" and no {@code hs_err} file), and PoCL itself installs a
 * SIGFPE handler that skips a faulting integer division. Observed here: after probing PoCL
 * 3.1, eleven of the JVM's handlers belonged to {@code libLLVM-15.so.1} or
 * {@code libpocl.so}, and training crashed in about one run in twenty.
 *
 * <p>This guard records the JVM's handlers when its class initialises (before any backend
 * loads native code; {@link Backends} touches it first) and puts back every one that a
 * foreign library replaced, whenever {@link #restore()} runs: after a backend is probed or
 * opened, and after a backend compiles device code. Only handlers that lived in the JVM's
 * own library are restored, and only where the current one does not, so a handler the
 * application set through the JVM is left alone. The native runtime's crash reporting is
 * what is given up: a crash inside it now produces the JVM's {@code hs_err} report instead.
 *
 * <p>Active on Linux with glibc on x86-64 and AArch64 (where {@code struct sigaction} starts
 * with the handler); elsewhere {@link #active()} is false, with the reason in
 * {@link #inactiveReason()}.
 */
public final class JvmSignalGuard {
    private JvmSignalGuard() {}

    /** The signals HotSpot installs handlers for and native runtimes have been seen to replace. */
    private static final int[] SIGNALS = {1, 2, 3, 4, 7, 8, 11, 12, 15};
    private static final String[] SIGNAL_NAMES = {"", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
        "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"};
    /** Room for glibc's {@code struct sigaction} (152 bytes on x86-64 and AArch64), copied whole. */
    private static final long SIGACTION_BYTES = 256;
    /** {@code Dl_info}: file name, base, symbol name, symbol address. */
    private static final long DL_INFO_BYTES = 32;

    private static final String INACTIVE;
    private static final MethodHandle SIGACTION;
    private static final MethodHandle DLADDR;
    /** The JVM's recorded {@code struct sigaction} per signal (null where it was not the JVM's). */
    private static final MemorySegment[] SAVED = new MemorySegment[32];
    private static final String JVM_LIBRARY;
    private static int restoredTotal;

    static {
        String why = null;
        MethodHandle sigaction = null, dladdr = null;
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) why = "only Linux is handled (os.name " + os + ")";
        else if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) why = "only x86-64 and AArch64 are handled (os.arch " + arch + ")";
        else {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                Optional<MemorySegment> sa = libc.find("sigaction"), dl = libc.find("dladdr");
                if (sa.isEmpty() || dl.isEmpty()) why = "sigaction or dladdr is not in the C library";
                else {
                    sigaction = linker.downcallHandle(sa.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
                    dladdr = linker.downcallHandle(dl.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                            ValueLayout.ADDRESS, ValueLayout.ADDRESS));
                }
            } catch (RuntimeException | LinkageError e) {
                why = "native access is not available: " + e;
            }
        }
        SIGACTION = sigaction;
        DLADDR = dladdr;
        String jvm = null;
        if (why == null) {
            jvm = libraryOf(handlerOf(current(11, Arena.global())));
            if (jvm == null || !jvm.contains("libjvm")) {
                why = "SIGSEGV was not handled by the JVM's library when Triad started (it was " + jvm + ")";
            } else {
                for (int sig : SIGNALS) {
                    MemorySegment now = current(sig, Arena.global());
                    if (jvm.equals(libraryOf(handlerOf(now)))) SAVED[sig] = now;
                }
            }
        }
        INACTIVE = why;
        JVM_LIBRARY = why == null ? jvm : null;
    }

    /**
     * Runs {@code work} that may load or run a native runtime, then {@link #restore() restores}
     * the JVM's handlers (also when it throws). Calling this before the native code loads for
     * the first time is what lets the guard record the JVM's handlers.
     */
    public static <T> T restoringAfter(Supplier<T> work) {
        try {
            return work.get();
        } finally {
            restore();
        }
    }

    /** Whether the guard can check and restore handlers on this platform. */
    public static boolean active() { return INACTIVE == null; }

    /** Why the guard does nothing here, or null when it is {@link #active() active}. */
    public static String inactiveReason() { return INACTIVE; }

    /**
     * Puts back every JVM handler a native library replaced since the JVM started. Cheap when
     * nothing changed (one {@code sigaction} query per recorded signal).
     *
     * @return the names of the signals whose handler was put back (empty when none was replaced)
     */
    public static synchronized List<String> restore() {
        List<String> out = new ArrayList<>();
        if (!active()) return out;
        try (Arena arena = Arena.ofConfined()) {
            for (int sig : SIGNALS) {
                MemorySegment saved = SAVED[sig];
                if (saved == null) continue;
                long now = handlerOf(current(sig, arena));
                if (now == handlerOf(saved) || JVM_LIBRARY.equals(libraryOf(now))) continue;
                install(sig, saved);
                out.add(name(sig));
            }
        }
        restoredTotal += out.size();
        return out;
    }

    /**
     * Where each guarded signal's handler lives now ({@code SIGSEGV=libjvm.so}, ...), for
     * diagnostics and tests.
     */
    public static synchronized List<String> owners() {
        List<String> out = new ArrayList<>();
        if (!active()) return out;
        try (Arena arena = Arena.ofConfined()) {
            for (int sig : SIGNALS) {
                long h = handlerOf(current(sig, arena));
                String lib = h == 0 ? "SIG_DFL" : h == 1 ? "SIG_IGN" : String.valueOf(libraryOf(h));
                out.add(name(sig) + "=" + lib.substring(lib.lastIndexOf('/') + 1));
            }
        }
        return out;
    }

    /** Whether every signal the JVM handled at start is still handled by the JVM. */
    public static synchronized boolean intact() {
        if (!active()) return true;
        try (Arena arena = Arena.ofConfined()) {
            for (int sig : SIGNALS) {
                if (SAVED[sig] != null && !JVM_LIBRARY.equals(libraryOf(handlerOf(current(sig, arena))))) return false;
            }
        }
        return true;
    }

    /** How many handlers {@link #restore()} has put back in this JVM so far. */
    public static synchronized int restoredCount() { return restoredTotal; }

    /** Installs {@code handler} (an address, or 0/1 for SIG_DFL/SIG_IGN) for {@code sig}; for tests. */
    static synchronized void replaceForTest(int sig, long handler) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment act = current(sig, arena);
            act.set(ValueLayout.JAVA_LONG, 0, handler);
            install(sig, act);
        }
    }

    static String name(int sig) { return sig < SIGNAL_NAMES.length ? SIGNAL_NAMES[sig] : "signal " + sig; }

    private static MemorySegment current(int sig, Arena arena) {
        MemorySegment out = arena.allocate(SIGACTION_BYTES, 16);
        call(SIGACTION, sig, MemorySegment.NULL, out);
        return out;
    }

    private static void install(int sig, MemorySegment action) {
        call(SIGACTION, sig, action, MemorySegment.NULL);
    }

    private static void call(MethodHandle sigaction, int sig, MemorySegment act, MemorySegment old) {
        int rc;
        try {
            rc = (int) sigaction.invokeExact(sig, act, old);
        } catch (Throwable t) {
            throw new IllegalStateException("sigaction(" + name(sig) + ") could not be called", t);
        }
        if (rc != 0) throw new IllegalStateException("sigaction(" + name(sig) + ") failed with " + rc);
    }

    private static long handlerOf(MemorySegment action) { return action.get(ValueLayout.JAVA_LONG, 0); }

    /** The file of the shared object holding {@code address}, or null when none does (SIG_DFL, SIG_IGN). */
    private static String libraryOf(long address) {
        if (address == 0 || address == 1) return null;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(DL_INFO_BYTES, 8);
            int found = (int) DLADDR.invokeExact(MemorySegment.ofAddress(address), info);
            if (found == 0) return null;
            MemorySegment file = info.get(ValueLayout.ADDRESS, 0);
            return file.equals(MemorySegment.NULL) ? null : file.reinterpret(4096).getString(0);
        } catch (Throwable t) {
            return null;
        }
    }
}
