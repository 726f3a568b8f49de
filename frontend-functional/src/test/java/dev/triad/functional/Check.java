package dev.triad.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.triad.spi.types.Shape;

import java.util.Arrays;

/** Assertions on arrays for the tests of this module. */
final class Check {
    private Check() {}

    /** Asserts that {@code actual} has {@code shape} and elements within {@code tol} (absolute + relative) of {@code expected}. */
    static void close(double[] expected, Array actual, double tol, long... shape) {
        assertEquals(Shape.of(shape), actual.shape(), "shape");
        close(expected, actual.toDoubleArray(), tol);
    }

    /** Asserts elementwise closeness. */
    static void close(double[] expected, double[] actual, double tol) {
        if (expected.length != actual.length) fail("expected " + expected.length + " elements, got " + actual.length + ": " + Arrays.toString(actual));
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual[i];
            if (Double.isNaN(e) ? !Double.isNaN(a) : Math.abs(e - a) > tol * (1 + Math.abs(e))) {
                fail("element " + i + ": expected " + e + " got " + a + "\n expected " + Arrays.toString(expected) + "\n actual   " + Arrays.toString(actual));
            }
        }
    }

    /** Asserts two arrays agree elementwise and in shape. */
    static void same(Array expected, Array actual, double tol) {
        assertEquals(expected.type(), actual.type(), "type");
        close(expected.toDoubleArray(), actual.toDoubleArray(), tol);
    }

    /** The F64 array of {@code values} with {@code shape}. */
    static Array f64(double[] values, long... shape) { return np.array(values, shape); }
}
