package dev.triad.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The double-buffered staging order, on a simulated device: a stream that runs queued copies
 * only when an event is awaited, and pinned slots that are plain arrays. It checks the data
 * arrives intact, that no slot is refilled or drained while a copy may still use it, and that
 * the host really overlaps: the next chunk is staged before the previous copy is waited for.
 */
class StagingPipelineTest {
    /** A fake device: one stream of queued copies, events as queue positions, slots as arrays. */
    static final class FakeDevice implements StagingPipeline.Steps {
        final byte[] device;
        byte[] host;
        final byte[][] slots;
        final List<Runnable> queue = new ArrayList<>();
        int done; // copies of the queue that have run
        final int[] eventAt = new int[StagingPipeline.SLOTS];
        final int[] lastUse = new int[StagingPipeline.SLOTS]; // queue index of the last copy touching each slot
        final List<String> log = new ArrayList<>();

        FakeDevice(int deviceBytes, int chunk) {
            device = new byte[deviceBytes];
            slots = new byte[StagingPipeline.SLOTS][chunk];
            Arrays.fill(lastUse, -1);
        }

        private void requireIdle(int slot, String what) {
            assertTrue(lastUse[slot] < done, what + " of slot " + slot + " while its copy " + lastUse[slot] + " has not run (done " + done + ")");
        }

        @Override public void fill(int slot, long offset, long n) {
            requireIdle(slot, "fill");
            System.arraycopy(host, (int) offset, slots[slot], 0, (int) n);
            log.add("fill " + slot + " @" + offset);
        }

        @Override public void toDevice(int slot, long offset, long n) {
            lastUse[slot] = queue.size();
            queue.add(() -> System.arraycopy(slots[slot], 0, device, (int) offset, (int) n));
            log.add("h2d " + slot + " @" + offset);
        }

        @Override public void toHost(int slot, long offset, long n) {
            requireIdle(slot, "copy into");
            lastUse[slot] = queue.size();
            queue.add(() -> System.arraycopy(device, (int) offset, slots[slot], 0, (int) n));
            log.add("d2h " + slot + " @" + offset);
        }

        @Override public void drain(int slot, long offset, long n) {
            requireIdle(slot, "drain");
            System.arraycopy(slots[slot], 0, host, (int) offset, (int) n);
            log.add("drain " + slot + " @" + offset);
        }

        @Override public void record(int slot) { eventAt[slot] = queue.size(); }

        @Override public void await(int slot) {
            while (done < eventAt[slot]) queue.get(done++).run();
            log.add("wait " + slot);
        }

        void finish() { while (done < queue.size()) queue.get(done++).run(); }
    }

    static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 31 + seed);
        return b;
    }

    @Test
    void uploadOverlapsStagingWithTheCopyInFlight() {
        FakeDevice d = new FakeDevice(10, 4);
        StagingPipeline p = new StagingPipeline();
        d.host = pattern(10, 1);
        p.upload(10, 4, d);
        // Chunk 1 is staged into the other slot before chunk 0's copy is waited for; slot 0 is refilled only after it.
        assertEquals(List.of("fill 0 @0", "h2d 0 @0", "fill 1 @4", "h2d 1 @4", "wait 0", "fill 0 @8", "h2d 0 @8"), d.log);
        // The upload returned with copies still queued: the caller's array may change without harm.
        assertTrue(d.done < d.queue.size());
        Arrays.fill(d.host, (byte) 0);
        d.finish();
        assertArrayEquals(pattern(10, 1), d.device);
        assertTrue(p.busy(0) && p.busy(1));
    }

    @Test
    void downloadDrainsOneChunkWhileTheNextIsCopied() {
        FakeDevice d = new FakeDevice(11, 4);
        System.arraycopy(pattern(11, 5), 0, d.device, 0, 11);
        StagingPipeline p = new StagingPipeline();
        d.host = new byte[11];
        p.download(11, 4, d);
        assertEquals(List.of("d2h 0 @0", "d2h 1 @4", "wait 0", "drain 0 @0", "d2h 0 @8", "wait 1", "drain 1 @4", "wait 0", "drain 0 @8"), d.log);
        assertArrayEquals(pattern(11, 5), d.host);
        assertFalse(p.busy(0) || p.busy(1));
    }

    @Test
    void aDownloadAfterAnUploadWaitsForTheSlotsTheUploadStillReads() {
        FakeDevice d = new FakeDevice(6, 4);
        StagingPipeline p = new StagingPipeline();
        d.host = pattern(6, 9);
        p.upload(6, 4, d); // slots 0 and 1 busy
        d.host = new byte[6];
        d.log.clear();
        p.download(6, 4, d); // the fake fails if a slot is copied into while the upload's copy has not run
        assertArrayEquals(pattern(6, 9), d.host);
        assertEquals("wait 0", d.log.get(0));
    }

    @Test
    void manySizesRoundTrip() {
        for (int n : new int[] {1, 3, 4, 5, 8, 9, 31, 64, 100}) {
            for (int chunk : new int[] {1, 4, 7, 64}) {
                FakeDevice d = new FakeDevice(n, chunk);
                StagingPipeline p = new StagingPipeline();
                d.host = pattern(n, n + chunk);
                p.upload(n, chunk, d);
                d.host = new byte[n];
                p.download(n, chunk, d);
                assertArrayEquals(pattern(n, n + chunk), d.host, n + " bytes in chunks of " + chunk);
                assertEquals(StagingPipeline.chunks(n, chunk), d.log.stream().filter(s -> s.startsWith("drain")).count());
            }
        }
        assertEquals(0, StagingPipeline.chunks(0, 4));
        assertThrows(IllegalArgumentException.class, () -> StagingPipeline.chunks(4, 0));
    }

    @Test
    void chunkSizes() {
        assertEquals(PinnedStaging.MIN_BYTES, PinnedStaging.chunkFor(1));
        assertEquals(8192, PinnedStaging.chunkFor(4097));
        assertEquals(1 << 20, PinnedStaging.chunkFor(1 << 20));
        assertEquals(PinnedStaging.SLOT_BYTES, PinnedStaging.chunkFor(1L << 40));
    }
}
