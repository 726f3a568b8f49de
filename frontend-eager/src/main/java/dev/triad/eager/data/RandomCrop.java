package dev.triad.eager.data;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.ShapeException;

import java.util.random.RandomGenerator;

/**
 * Pads an F32 {@code [C, H, W]} image with {@code padding} zeros on every side, then cuts out a
 * {@code height x width} window at a uniformly random position — the usual "random crop with
 * padding" augmentation (e.g. 28x28 with padding 4 shifts the image by up to 4 pixels).
 */
public final class RandomCrop implements Transform {
    private final int height;
    private final int width;
    private final int padding;

    /** A crop of {@code height x width} after padding each side by {@code padding}. */
    public RandomCrop(int height, int width, int padding) {
        if (height <= 0 || width <= 0 || padding < 0) throw new IllegalArgumentException("crop " + height + "x" + width + " with padding " + padding);
        this.height = height;
        this.width = width;
        this.padding = padding;
    }

    /** A square crop of {@code size}. */
    public RandomCrop(int size, int padding) { this(size, size, padding); }

    @Override
    public HostArray apply(HostArray input, RandomGenerator random) {
        float[] x = Images.floats("random_crop", input);
        int c = (int) input.shape().dim(0), h = (int) input.shape().dim(1), w = (int) input.shape().dim(2);
        int ph = h + 2 * padding, pw = w + 2 * padding;
        if (height > ph || width > pw) throw new ShapeException("random_crop", "cannot cut " + height + "x" + width + " from a padded " + ph + "x" + pw + " image");
        // The window's top-left corner in padded coordinates.
        int top = random.nextInt(ph - height + 1), left = random.nextInt(pw - width + 1);
        float[] out = new float[c * height * width];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < height; i++) {
                int sy = top + i - padding;
                if (sy < 0 || sy >= h) continue; // a row of padding: stays zero
                for (int j = 0; j < width; j++) {
                    int sx = left + j - padding;
                    if (sx >= 0 && sx < w) out[(ch * height + i) * width + j] = x[(ch * h + sy) * w + sx];
                }
            }
        }
        return Images.of(out, c, height, width);
    }
}
