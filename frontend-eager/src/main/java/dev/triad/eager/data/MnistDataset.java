package dev.triad.eager.data;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.io.CorruptFileException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * An MNIST-style image classification set (MNIST, Fashion-MNIST) read from a pair of IDX files:
 * U8 images {@code [N, H, W]} and U8 labels {@code [N]}. Example {@code i} is the image as F32
 * {@code [1, H, W]} scaled to [0, 1] and its label as an I64 scalar. Holds the raw bytes only
 * (47 MB for MNIST's training set); the float conversion happens per example, on whatever
 * thread asks, so this class is safe to share between loader workers.
 */
public final class MnistDataset implements Dataset<Example> {
    /** Classes in every MNIST-style set. */
    public static final int CLASSES = 10;

    private final byte[] pixels;
    private final byte[] labels;
    private final int count;
    private final int height;
    private final int width;

    private MnistDataset(byte[] pixels, byte[] labels, int count, int height, int width) {
        this.pixels = pixels;
        this.labels = labels;
        this.count = count;
        this.height = height;
        this.width = width;
    }

    /**
     * Loads one split, from the user's directory or the cache (see {@link DataDirectories}).
     *
     * @throws MissingDataException when the files are not there; the message says how to get them
     */
    public static MnistDataset load(DatasetId id, Split split, DataDirectories dirs) throws IOException {
        DataDirectories.SplitFiles f = dirs.find(id, split);
        if (f == null) throw new MissingDataException(DatasetFetcher.missingMessage(id, split, dirs));
        return read(f.images(), f.labels());
    }

    /** Reads and cross-checks an image file and a label file. */
    public static MnistDataset read(Path imagesFile, Path labelsFile) throws IOException {
        HostArray images = IdxReader.read(imagesFile);
        HostArray labels = IdxReader.read(labelsFile);
        if (images.dtype() != DType.U8 || images.shape().rank() != 3) {
            throw new CorruptFileException("idx", imagesFile, "expected U8 images [N, H, W], found " + images.type());
        }
        if (labels.dtype() != DType.U8 || labels.shape().rank() != 1) {
            throw new CorruptFileException("idx", labelsFile, "expected U8 labels [N], found " + labels.type());
        }
        if (labels.shape().dim(0) != images.shape().dim(0)) {
            throw new CorruptFileException("idx", labelsFile, labels.shape().dim(0) + " labels for " + images.shape().dim(0) + " images in " + imagesFile);
        }
        byte[] l = labels.bytes();
        for (int i = 0; i < l.length; i++) {
            if ((l[i] & 0xFF) >= CLASSES) throw new CorruptFileException("idx", labelsFile, "label " + (l[i] & 0xFF) + " at index " + i + " is not a class 0.." + (CLASSES - 1));
        }
        return new MnistDataset(images.bytes(), l, (int) images.shape().dim(0), (int) images.shape().dim(1), (int) images.shape().dim(2));
    }

    @Override
    public int size() { return count; }

    /** Image height in pixels. */
    public int height() { return height; }

    /** Image width in pixels. */
    public int width() { return width; }

    /** The class of example {@code i}. */
    public int label(int i) {
        checkIndex(i);
        return labels[i] & 0xFF;
    }

    @Override
    public Example get(int i) {
        checkIndex(i);
        int n = height * width;
        byte[] out = new byte[n * 4];
        ByteBuffer fb = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0, src = i * n; k < n; k++) fb.putFloat((pixels[src + k] & 0xFF) * (1f / 255f));
        HostArray image = HostArray.wrap(new TensorType(DType.F32, Shape.of(1, height, width)), out);
        return new Example(image, HostArray.fromLongs(DType.I64, Shape.SCALAR, labels[i] & 0xFF));
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException("example " + i + " of " + count);
    }
}
