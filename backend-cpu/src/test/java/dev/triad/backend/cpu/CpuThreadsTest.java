package dev.triad.backend.cpu;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CpuThreadsTest {
    private final CpuThreads threads = CpuThreads.shared();

    @Test
    void everyIndexRunsExactlyOnceWhateverTheSplit() {
        int n = 10_007;
        for (int parts : new int[] {1, 2, 3, 16, 20_000}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(n);
            threads.forParts(n, parts, (from, to) -> {
                for (long i = from; i < to; i++) seen.incrementAndGet((int) i);
            });
            for (int i = 0; i < n; i++) assertEquals(1, seen.get(i), "index " + i + " with " + parts + " parts");
        }
    }

    @Test
    void smallLoopsRunInlineAndLargeOnesSplit() {
        assertEquals(1, threads.partsFor(100, 1));
        assertEquals(Math.min(threads.threads(), 1000), threads.partsFor(1000, 1e6));
    }

    @Test
    void aFailingPartIsRethrownToTheCaller() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> threads.forParts(100, 4, (from, to) -> {
            if (from == 0) throw boom;
        }));
        assertSame(boom, e);
    }

    @Test
    void nestedLoopsInsideAPartDoNotDeadlock() {
        AtomicIntegerArray seen = new AtomicIntegerArray(64);
        threads.forParts(8, 8, (from, to) -> {
            for (long i = from; i < to; i++) {
                long row = i;
                threads.forParts(8, 8, (a, b) -> {
                    for (long j = a; j < b; j++) seen.incrementAndGet((int) (row * 8 + j));
                });
            }
        });
        for (int i = 0; i < 64; i++) assertEquals(1, seen.get(i));
    }
}
