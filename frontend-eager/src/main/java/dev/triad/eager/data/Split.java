package dev.triad.eager.data;

/** The two halves of an MNIST-style data set, named by their IDX file prefixes. */
public enum Split {
    /** 60,000 training examples ({@code train-*}). */
    TRAIN("train"),
    /** 10,000 test examples ({@code t10k-*}). */
    TEST("t10k");

    private final String prefix;

    Split(String prefix) { this.prefix = prefix; }

    /** The image file's name without compression suffix, e.g. {@code train-images-idx3-ubyte}. */
    public String imagesFile() { return prefix + "-images-idx3-ubyte"; }

    /** The label file's name without compression suffix, e.g. {@code t10k-labels-idx1-ubyte}. */
    public String labelsFile() { return prefix + "-labels-idx1-ubyte"; }
}
