package dev.triad.backend.opencl.aparapi;

import com.aparapi.Kernel;

/** Aparapi kernels for the tests: one class per op, as Aparapi keeps state per kernel class. */
final class TestKernels {
    private TestKernels() {}

    /** out = a * x + b, F32. */
    static final class Axpb extends Kernel {
        float[] x;
        float[] out;
        float a = 2.5f;
        float b = -1f;

        @Override public void run() {
            int i = getGlobalId();
            out[i] = a * x[i] + b;
        }
    }

    /** out = x * x, F64. */
    static final class SquareF64 extends Kernel {
        double[] x;
        double[] out;

        @Override public void run() {
            int i = getGlobalId();
            out[i] = x[i] * x[i];
        }
    }

    /** out = p + 3 q, I32. */
    static final class AddI32 extends Kernel {
        int[] p;
        int[] q;
        int[] out;

        @Override public void run() {
            int i = getGlobalId();
            out[i] = p[i] + 3 * q[i];
        }
    }

    /** Index space [rows, cols] transposed into [cols, rows]; a 2-D global range. */
    static final class Transpose extends Kernel {
        float[] x;
        float[] out;
        int rows;
        int cols;

        @Override public void run() {
            int r = getGlobalId(0);
            int c = getGlobalId(1);
            out[c * rows + r] = x[r * cols + c];
        }
    }

    /** Cannot be translated to OpenCL (it allocates a String), so Aparapi falls back to Java. */
    static final class AllocatingAllowed extends Kernel {
        float[] x;
        float[] out;

        @Override public void run() {
            int i = getGlobalId();
            out[i] = x[i] + Integer.toString(i).length();
        }
    }

    /** The same untranslatable kernel, for the REQUIRE_OPENCL policy (Aparapi remembers failures per class). */
    static final class AllocatingRequired extends Kernel {
        float[] x;
        float[] out;

        @Override public void run() {
            int i = getGlobalId();
            out[i] = x[i] + Integer.toString(i).length();
        }
    }

    /** out = x + 1, run on purpose on Aparapi's Java thread pool. */
    static final class PlusOne extends Kernel {
        float[] x;
        float[] out;

        @Override public void run() {
            int i = getGlobalId();
            out[i] = x[i] + 1f;
        }
    }

    /** Writes one past its own element: the last work item goes out of bounds. */
    static final class OutOfBounds extends Kernel {
        float[] x;
        float[] out;

        @Override public void run() {
            int i = getGlobalId();
            out[i + 1] = x[i];
        }
    }

    /** Has a long[] where the tests declare nothing; used for field-declaration errors. */
    static final class Fields extends Kernel {
        float[] x;
        long[] wide;
        float[] out;
        float notAnInt;

        @Override public void run() {
            int i = getGlobalId();
            out[i] = x[i];
        }
    }
}
