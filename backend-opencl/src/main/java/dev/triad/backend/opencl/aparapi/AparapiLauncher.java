package dev.triad.backend.opencl.aparapi;

import dev.triad.spi.backend.JvmSignalGuard;
import com.aparapi.Kernel;
import com.aparapi.ProfileReport;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import com.aparapi.internal.kernel.KernelDeviceProfile;
import com.aparapi.internal.kernel.KernelManager;
import com.aparapi.internal.kernel.KernelProfile;

import java.lang.ref.WeakReference;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Runs one op's kernel with Aparapi under a {@link FallbackPolicy} and finds out where it
 * really ran. Aparapi's {@code isRunningCL()} keeps saying true after a fallback, so the device
 * is read from the profile report Aparapi's {@link KernelManager} records for each run.
 *
 * <p>Launches are serialised on one process-wide lock: Aparapi keys profiles and device
 * preferences by kernel class, and the fallback reason is read from a shared logger, so two
 * launches at once could see each other's records.
 */
final class AparapiLauncher {
    private static final Object LOCK = new Object();

    static {
        // Records the JVM's signal handlers before Aparapi loads the OpenCL runtime (see JvmSignalGuard).
        JvmSignalGuard.active();
    }

    private final String op;
    private final Kernel kernel;
    private final FallbackPolicy policy;
    private boolean prepared;
    // Aparapi marks a device failed for a kernel class and skips it from then on without logging
    // again, so the first reason is kept for later runs' reports.
    private String stickyReason = "";

    AparapiLauncher(String op, Kernel kernel, FallbackPolicy policy) {
        this.op = op;
        this.kernel = kernel;
        this.policy = policy;
    }

    /** The OpenCL device Aparapi would choose first, or null when it sees none (or its native library cannot load). */
    static OpenCLDevice openClDevice() {
        synchronized (LOCK) {
            try {
                return KernelManager.instance().bestDevice() instanceof OpenCLDevice d ? d : null;
            } catch (LinkageError e) {
                return null;
            }
        }
    }

    /** Why Aparapi has no OpenCL device here, in words; empty when it has one. */
    static String whyNoOpenCl() {
        synchronized (LOCK) {
            try {
                Device best = KernelManager.instance().bestDevice();
                return best instanceof OpenCLDevice ? "" : "Aparapi found no OpenCL device (best device: " + describe(best) + ")";
            } catch (LinkageError e) {
                return "Aparapi's native library cannot load: " + e.getMessage();
            }
        }
    }

    /**
     * Runs the kernel over {@code global} (1 to 3 sizes, each at least 1) with its fields already bound.
     *
     * @throws AparapiFallbackException under {@link FallbackPolicy#REQUIRE_OPENCL} when it cannot or did not run on OpenCL
     */
    AparapiRun launch(int[] global) {
        synchronized (LOCK) {
            Device device = prepare();
            // A range made for a Java device can leave work items out (seen: 2 of 3 ran), so only
            // the OpenCL device gets a device-specific range (work-group sizes within its limits).
            Device rangeDevice = device instanceof OpenCLDevice ? device : null;
            Range range = switch (global.length) {
                case 1 -> rangeDevice == null ? Range.create(global[0]) : Range.create(rangeDevice, global[0]);
                case 2 -> rangeDevice == null ? Range.create2D(global[0], global[1]) : Range.create2D(rangeDevice, global[0], global[1]);
                default -> rangeDevice == null ? Range.create3D(global[0], global[1], global[2]) : Range.create3D(rangeDevice, global[0], global[1], global[2]);
            };
            long before = lastReportId();
            FallbackLog.start();
            String logged;
            try {
                kernel.execute(range);
            } catch (RuntimeException e) {
                // Aparapi's own exceptions (and a Java fallback's) carry no op name; a Triad error names it.
                throw new dev.triad.spi.error.TriadException(op, "Aparapi failed to run the kernel " + kernel.getClass().getName()
                        + " over range " + java.util.Arrays.toString(global) + ": " + e, e);
            } finally {
                logged = FallbackLog.stop();
                // Aparapi's first run loads and compiles through the OpenCL runtime, which may replace the JVM's signal handlers.
                JvmSignalGuard.restore();
            }
            Device ran = lastDevice(before);
            ExecutionMode mode = ExecutionMode.of(ran);
            if (!logged.isEmpty()) stickyReason = logged;
            String reason = "";
            if (mode != ExecutionMode.OPENCL && policy != FallbackPolicy.JAVA_THREAD_POOL) {
                reason = !stickyReason.isEmpty() ? stickyReason : "Aparapi gave no reason; devices it marked failed for this kernel: "
                        + failedDevices();
            }
            if (policy == FallbackPolicy.REQUIRE_OPENCL && mode != ExecutionMode.OPENCL) throw new AparapiFallbackException(op, mode, reason);
            java.util.List<Integer> sizes = new java.util.ArrayList<>();
            for (int g : global) sizes.add(g);
            return new AparapiRun(op, mode, ran == null ? "no device recorded" : describe(ran), sizes, reason);
        }
    }

    /** Pins the kernel to the policy's device (once) and returns it; null lets Aparapi choose (ALLOW_JAVA_FALLBACK). */
    private Device prepare() {
        Device device = switch (policy) {
            case ALLOW_JAVA_FALLBACK -> null;
            case JAVA_THREAD_POOL -> JavaDevice.THREAD_POOL;
            case REQUIRE_OPENCL -> {
                OpenCLDevice cl = openClDevice();
                if (cl == null) {
                    throw new AparapiFallbackException(op, ExecutionMode.UNKNOWN, whyNoOpenCl()
                            + "; install an OpenCL runtime such as PoCL, or choose ALLOW_JAVA_FALLBACK");
                }
                yield cl;
            }
        };
        if (prepared) return device;
        if (device != null) KernelManager.instance().setPreferredDevices(kernel, new LinkedHashSet<>(List.of(device)));
        if (policy == FallbackPolicy.REQUIRE_OPENCL) {
            // Translate before the first run, so an untranslatable kernel fails here with Aparapi's
            // reason instead of running on the Java fallback first.
            try {
                kernel.compile(device);
            } catch (CompileFailedException e) {
                throw new AparapiFallbackException(op, ExecutionMode.UNKNOWN, "Aparapi cannot translate the kernel to OpenCL: " + rootMessage(e));
            }
        }
        prepared = true;
        return device;
    }

    private String failedDevices() {
        List<String> names = new java.util.ArrayList<>();
        for (Device d : KernelManager.instance().getPreferences(kernel).getFailedDevices()) names.add(describe(d));
        return names.toString();
    }

    private long lastReportId() {
        ProfileReport r = lastReport();
        return r == null ? Long.MIN_VALUE : r.getReportId();
    }

    private ProfileReport lastReport() {
        KernelProfile profile = KernelManager.instance().getProfile(kernel.getClass());
        // Before the class's first run Aparapi's getLastDeviceProfile() looks up a null device and throws.
        KernelDeviceProfile last = profile == null || profile.getDevices().isEmpty() ? null : profile.getLastDeviceProfile();
        WeakReference<ProfileReport> ref = last == null ? null : last.getReportLastThread();
        return ref == null ? null : ref.get();
    }

    /** The device of the report this run added, or null when Aparapi recorded none. */
    private Device lastDevice(long before) {
        ProfileReport r = lastReport();
        return r == null || r.getReportId() == before ? null : r.getDevice();
    }

    static String describe(Device d) {
        if (d == null) return "none";
        if (d instanceof OpenCLDevice cl) return cl.getName() + " (" + cl.getOpenCLPlatform().getName() + ", " + cl.getType() + ")";
        return d.getShortDescription();
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    /** Aparapi's device-usage table for every kernel class it ran (its own report, for logs). */
    static String deviceUsage() {
        synchronized (LOCK) {
            StringBuilder s = new StringBuilder();
            KernelManager.instance().reportDeviceUsage(s, false);
            return s.toString();
        }
    }
}
