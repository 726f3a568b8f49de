package dev.triad.backend.opencl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

import java.nio.charset.StandardCharsets;

/**
 * Status checking and the small info queries. Every JOCL call's status goes through
 * {@link #check}; JOCL's own exceptions stay disabled so that no code escapes unnamed.
 */
final class Cl {
    private Cl() {}

    /** Throws an {@link OpenClException} naming {@code call} unless {@code code} is CL_SUCCESS. */
    static void check(String call, int code) {
        if (code != CL.CL_SUCCESS) throw new OpenClException(null, call, code, null);
    }

    /**
     * Checks {@code code} where the caller must go on releasing other objects (close paths):
     * a failure is added to {@code first} (as suppressed) or becomes it; throw the result at the end.
     */
    static OpenClException collect(OpenClException first, String call, int code) {
        if (code == CL.CL_SUCCESS) return first;
        OpenClException e = new OpenClException(null, call, code, null);
        if (first == null) return e;
        first.addSuppressed(e);
        return first;
    }

    /** A one-element status array for the JOCL calls that report through {@code errcode_ret}. */
    static int[] status() { return new int[1]; }

    static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        check("clGetPlatformInfo(size)", CL.clGetPlatformInfo(p, param, 0, null, size));
        byte[] buf = new byte[(int) size[0]];
        check("clGetPlatformInfo", CL.clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null));
        return cString(buf);
    }

    static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        check("clGetDeviceInfo(size)", CL.clGetDeviceInfo(d, param, 0, null, size));
        byte[] buf = new byte[(int) size[0]];
        check("clGetDeviceInfo", CL.clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null));
        return cString(buf);
    }

    static long deviceLong(cl_device_id d, int param) {
        long[] v = new long[1];
        check("clGetDeviceInfo", CL.clGetDeviceInfo(d, param, Sizeof.cl_long, Pointer.to(v), null));
        return v[0];
    }

    static int deviceInt(cl_device_id d, int param) {
        int[] v = new int[1];
        check("clGetDeviceInfo", CL.clGetDeviceInfo(d, param, Sizeof.cl_uint, Pointer.to(v), null));
        return v[0];
    }

    /** A size_t device property (64-bit on every platform JOCL ships for). */
    static long deviceSize(cl_device_id d, int param) {
        long[] v = new long[1];
        check("clGetDeviceInfo", CL.clGetDeviceInfo(d, param, Sizeof.size_t, Pointer.to(v), null));
        return v[0];
    }

    static String cString(byte[] buf) {
        int n = 0;
        while (n < buf.length && buf[n] != 0) n++;
        return new String(buf, 0, n, StandardCharsets.UTF_8).trim();
    }
}
