package dev.triad.spi.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file so that a reader (or a restart after a crash) sees either the old content or
 * the complete new content, never a mix: the new bytes go to a temporary file in the same
 * directory (a rename is only atomic within one file system), are forced to disk, and the
 * temporary file is then renamed over the target; the directory is forced too so the rename
 * itself survives a power cut.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the new content of a file. */
    @FunctionalInterface
    public interface Body {
        /** Writes everything to {@code out}; throwing abandons the write and keeps the old file. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Atomically replaces (or creates) {@code target} with what {@code body} writes. If the body
     * or any step throws, the target is untouched and the temporary file is removed.
     */
    public static void write(Path target, Body body) throws IOException {
        Path dir = parentOf(target);
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                // Not closed separately: closing the stream would close the channel before force().
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                body.writeTo(out);
                out.flush();
                ch.force(true);
            }
            move(tmp, target);
            done = true;
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
    }

    /**
     * Renames {@code from} over {@code to} atomically and forces the directory, so the rename is
     * durable. Both must be in the same directory (or at least the same file system).
     */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + to + " atomically (is it on a file system without atomic rename?)", e);
        }
        syncDirectory(parentOf(to));
    }

    /** Forces a directory's entries to disk; a no-op where the platform cannot open directories. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
        }
    }

    private static Path parentOf(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        if (parent == null) throw new IllegalArgumentException("no parent directory for " + p);
        return parent;
    }
}
