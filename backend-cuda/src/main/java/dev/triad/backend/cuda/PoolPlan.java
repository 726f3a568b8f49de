package dev.triad.backend.cuda;

import java.util.Arrays;

/**
 * Whether a {@code reduce_window_max} runs as cuDNN max pooling: windows of 1 with stride 1
 * and no padding over the first two (batch and channel) dimensions, 1 to 3 spatial dimensions
 * below, padding smaller than the window (cuDNN's requirement, which also means no window is
 * all padding) and cuDNN's output size equal to Triad's. cuDNN skips padded elements, which is
 * what Triad's padding with -inf gives. Only max pooling: an average times the window volume
 * would not round like Triad's sum.
 *
 * @param window window per spatial dimension
 * @param pad symmetric padding per spatial dimension
 * @param stride stride per spatial dimension
 */
public record PoolPlan(int[] window, int[] pad, int[] stride) {
    /** Copies the arrays. */
    public PoolPlan {
        window = window.clone();
        pad = pad.clone();
        stride = stride.clone();
    }

    @Override
    public String toString() {
        return "maxpool(window " + Arrays.toString(window) + ", pad " + Arrays.toString(pad) + ", stride " + Arrays.toString(stride) + ")";
    }

    /** The plan, or null when cuDNN cannot run it ({@link #whyNot} says why). */
    public static PoolPlan of(long[] in, long[] out, int[] window, int[] strides, int[] lo) {
        if (whyNot(in, out, window, strides, lo) != null) return null;
        int d = in.length - 2;
        int[] w = new int[d], p = new int[d], s = new int[d];
        for (int i = 0; i < d; i++) {
            w[i] = window[2 + i];
            p[i] = lo[2 + i];
            s[i] = strides[2 + i];
        }
        return new PoolPlan(w, p, s);
    }

    /** Why cuDNN cannot run this max pooling, or null when it can. */
    public static String whyNot(long[] in, long[] out, int[] window, int[] strides, int[] lo) {
        int r = in.length;
        if (r < 3 || r > 5) return "rank " + r + " (cuDNN pools 1 to 3 spatial dimensions below batch and channels)";
        for (int i = 0; i < 2; i++) {
            if (window[i] != 1 || strides[i] != 1 || lo[i] != 0 || in[i] != out[i]) return "a window over the batch or channel dimension";
        }
        for (int a = 2; a < r; a++) {
            if (lo[a] < 0) return "negative padding";
            if (lo[a] >= window[a]) return "padding not smaller than the window";
            if (ConvPlan.cudnnOut(in[a], lo[a], window[a], strides[a]) != out[a]) return "padding that cuDNN's symmetric padding cannot express";
        }
        return null;
    }
}
