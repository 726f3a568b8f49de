package dev.triad.eager.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {
    private IdxFiles() {}

    /** An IDX file: magic with {@code code}, the dimensions, then {@code data} (already big-endian). */
    static byte[] idx(int code, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length); // big-endian by default
        b.put((byte) 0).put((byte) 0).put((byte) code).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(raw);
        }
        return bos.toByteArray();
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p;
    }

    /** An MNIST-style pair with {@code n} images of h x w whose pixels encode their index, labels i % 10. */
    static void mnistPair(Path dir, String prefix, int n, int h, int w, boolean gz) throws IOException {
        byte[] px = new byte[n * h * w];
        for (int i = 0; i < px.length; i++) px[i] = (byte) ((i / (h * w)) * 7 + i % (h * w));
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) labels[i] = (byte) (i % 10);
        byte[] images = idx(0x08, new int[] {n, h, w}, px), lab = idx(0x08, new int[] {n}, labels);
        String sfx = gz ? ".gz" : "";
        write(dir, prefix + "-images-idx3-ubyte" + sfx, gz ? gzip(images) : images);
        write(dir, prefix + "-labels-idx1-ubyte" + sfx, gz ? gzip(lab) : lab);
    }
}
