package dev.triad.backend.opencl;

import dev.triad.spi.backend.JvmSignalGuard;
import org.jocl.CL;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds platforms and devices through JOCL. Loading JOCL's JNI library and the system's ICD
 * loader happens here, on first use, and every failure (no {@code libOpenCL.so.1}, no
 * installed driver, no device) becomes a reason a user can act on.
 */
final class JoclDiscovery implements Discovery.Source {
    /** CL_PLATFORM_NOT_FOUND_KHR: the ICD loader found no installed driver. */
    private static final int PLATFORM_NOT_FOUND = -1001;

    static final String INSTALL_HINT = "install an OpenCL driver, e.g. on Debian/Ubuntu 'apt-get install pocl-opencl-icd ocl-icd-libopencl1' for the CPU";

    @Override
    public Discovery discover() { return guarded(JoclDiscovery::find); }

    /** Runs {@code find}, turning every way loading or querying OpenCL can fail into a reason. */
    static Discovery guarded(java.util.function.Supplier<Discovery> find) {
        try {
            // Loading PoCL replaces the JVM's signal handlers with LLVM's; the guard puts them back.
            return JvmSignalGuard.restoringAfter(find);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return Discovery.none("the OpenCL runtime could not be loaded (no ICD loader libOpenCL.so.1?): "
                    + String.valueOf(e.getMessage()).replace('\n', ' ') + "; " + INSTALL_HINT);
        } catch (OpenClException e) {
            return Discovery.none("looking for OpenCL devices failed: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return Discovery.none("looking for OpenCL devices failed: " + e);
        }
    }

    private static Discovery find() {
        CL.setExceptionsEnabled(false);
        int[] count = new int[1];
        int rc = CL.clGetPlatformIDs(0, null, count);
        if (rc == PLATFORM_NOT_FOUND || (rc == CL.CL_SUCCESS && count[0] == 0)) {
            return Discovery.none("no OpenCL platform found (the ICD loader is there but no driver is installed); " + INSTALL_HINT);
        }
        Cl.check("clGetPlatformIDs", rc);
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        Cl.check("clGetPlatformIDs", CL.clGetPlatformIDs(platforms.length, platforms, null));
        List<DeviceInfo> out = new ArrayList<>();
        for (cl_platform_id p : platforms) {
            String platform = Cl.platformString(p, CL.CL_PLATFORM_NAME) + " (" + Cl.platformString(p, CL.CL_PLATFORM_VERSION) + ")";
            int[] n = new int[1];
            rc = CL.clGetDeviceIDs(p, CL.CL_DEVICE_TYPE_ALL, 0, null, n);
            if (rc == CL.CL_DEVICE_NOT_FOUND || n[0] == 0) continue;
            Cl.check("clGetDeviceIDs", rc);
            cl_device_id[] devices = new cl_device_id[n[0]];
            Cl.check("clGetDeviceIDs", CL.clGetDeviceIDs(p, CL.CL_DEVICE_TYPE_ALL, devices.length, devices, null));
            for (cl_device_id d : devices) out.add(describe(out.size(), d, platform));
        }
        return Discovery.of(out);
    }

    private static DeviceInfo describe(int index, cl_device_id d, String platform) {
        List<String> ext = Arrays.stream(Cl.deviceString(d, CL.CL_DEVICE_EXTENSIONS).split("\\s+")).filter(s -> !s.isEmpty()).toList();
        long type = Cl.deviceLong(d, CL.CL_DEVICE_TYPE);
        boolean gpu = (type & (CL.CL_DEVICE_TYPE_GPU | CL.CL_DEVICE_TYPE_ACCELERATOR)) != 0;
        return new DeviceInfo(index, d, platform,
                Cl.deviceString(d, CL.CL_DEVICE_NAME), Cl.deviceString(d, CL.CL_DEVICE_VENDOR),
                Cl.deviceString(d, CL.CL_DEVICE_VERSION), Cl.deviceString(d, CL.CL_DEVICE_OPENCL_C_VERSION),
                Cl.deviceString(d, CL.CL_DRIVER_VERSION), gpu,
                Cl.deviceInt(d, CL.CL_DEVICE_MAX_COMPUTE_UNITS) & 0xFFFFFFFFL,
                Cl.deviceLong(d, CL.CL_DEVICE_GLOBAL_MEM_SIZE), Cl.deviceLong(d, CL.CL_DEVICE_LOCAL_MEM_SIZE),
                Cl.deviceLong(d, CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE), Cl.deviceSize(d, CL.CL_DEVICE_MAX_WORK_GROUP_SIZE),
                ext.contains("cl_khr_fp64"), ext.contains("cl_khr_fp16"), ext);
    }
}
