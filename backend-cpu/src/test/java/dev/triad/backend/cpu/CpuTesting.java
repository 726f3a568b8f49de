package dev.triad.backend.cpu;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Helpers shared by the CPU backend tests: one backend, uploads, strided views, runs and downloads. */
public final class CpuTesting {
    private CpuTesting() {}

    /** The backend every test uses (the pool is shared anyway). */
    public static final CpuBackend BACKEND = new CpuBackend(KernelTable.standard(), CpuThreads.shared());

    /** Uploads {@code values} as {@code dtype} of {@code shape}. */
    public static DeviceArray array(DType dtype, long[] shape, double... values) {
        return BACKEND.upload(HostArray.fromDoubles(dtype, Shape.of(shape), values));
    }

    /** Uploads 0, 1, 2, ... as {@code dtype} of {@code shape}. */
    public static DeviceArray iota(DType dtype, long... shape) {
        double[] v = new double[(int) Shape.of(shape).numel()];
        for (int i = 0; i < v.length; i++) v[i] = i;
        return array(dtype, shape, v);
    }

    /** A view of {@code a}'s storage. */
    public static DeviceArray view(DeviceArray a, long offset, long[] shape, long[] strides) {
        return a.view(offset, Shape.of(shape), strides);
    }

    /** Runs {@code p} through dispatch (so the shape rule checks the inputs first). */
    public static DeviceArray run(Primitive p, Attrs attrs, DeviceArray... inputs) {
        return Dispatch.execute(BACKEND, p, attrs, List.of(inputs));
    }

    /** The elements of {@code a} as doubles, row-major. */
    public static double[] values(DeviceArray a) {
        return BACKEND.download(a).toDoubles();
    }

    /** The elements of {@code a} as longs, row-major. */
    public static long[] longs(DeviceArray a) {
        return BACKEND.download(a).toLongs();
    }

    /** Asserts exact equality element by element (NaN equals NaN), with the position in the message. */
    public static void assertValues(double[] expected, DeviceArray actual) {
        double[] got = values(actual);
        assertEquals(expected.length, got.length, "element count");
        for (int i = 0; i < got.length; i++) {
            final int at = i;
            assertEquals(expected[i], got[i], 0.0, () -> "element " + at + " of " + actual);
        }
    }

    /** Asserts element-wise closeness within {@code tol} (relative to max(1, |expected|)). */
    public static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": element count");
        for (int i = 0; i < actual.length; i++) {
            double scale = Math.max(1, Math.abs(expected[i]));
            if (!(Math.abs(expected[i] - actual[i]) <= tol * scale) && !(Double.isNaN(expected[i]) && Double.isNaN(actual[i]))) {
                throw new AssertionError(what + ": element " + i + " expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    /** Closes every array. */
    public static void close(DeviceArray... arrays) {
        for (DeviceArray a : arrays) a.close();
    }
}
