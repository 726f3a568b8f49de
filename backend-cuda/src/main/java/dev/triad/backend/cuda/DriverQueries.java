package dev.triad.backend.cuda;

import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;
import static org.bytedeco.cuda.global.cudart.cuDeviceGet;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetAttribute;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetName;
import static org.bytedeco.cuda.global.cudart.cuDeviceTotalMem;

import org.bytedeco.javacpp.SizeTPointer;

import java.nio.charset.StandardCharsets;

/** Device queries through the driver API (only after a successful {@code cuInit}). */
final class DriverQueries {
    private DriverQueries() {}

    static DeviceInfo device(int ordinal, int driverVersion) {
        int[] dev = new int[1];
        Cu.check("cuDeviceGet(" + ordinal + ")", cuDeviceGet(dev, ordinal));
        byte[] name = new byte[256];
        Cu.check("cuDeviceGetName", cuDeviceGetName(name, name.length, dev[0]));
        long mem;
        try (SizeTPointer p = new SizeTPointer(1)) {
            Cu.check("cuDeviceTotalMem", cuDeviceTotalMem(p, dev[0]));
            mem = p.get();
        }
        return new DeviceInfo(ordinal, cString(name), attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev[0]),
                attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev[0]), mem,
                attribute(CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, dev[0]), driverVersion);
    }

    static int attribute(int attr, int dev) {
        int[] v = new int[1];
        Cu.check("cuDeviceGetAttribute(" + attr + ")", cuDeviceGetAttribute(v, attr, dev));
        return v[0];
    }

    static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, StandardCharsets.UTF_8).strip();
    }
}
