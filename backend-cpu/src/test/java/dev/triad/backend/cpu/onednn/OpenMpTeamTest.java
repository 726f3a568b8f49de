package dev.triad.backend.cpu.onednn;

import dev.triad.backend.cpu.CpuThreads;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Java loops on oneDNN's OpenMP team: parts reach the team's threads, failures reach the caller, callers don't mix. */
class OpenMpTeamTest {
    private final CpuThreads threads = CpuThreads.shared();

    private CpuThreads.Team team() {
        DnnlTesting.assumeLoaded();
        CpuThreads.Team team = DnnlTesting.LOADED.runtime().team();
        assertNotNull(team, "the bundled libgomp has GOMP_parallel, so the OpenMP team must be offered");
        return team;
    }

    /** Runs {@code body} with split loops on {@code team}, then puts back whatever pool was there. */
    private void onTeam(CpuThreads.Team team, Runnable body) {
        CpuThreads.Team before = threads.team();
        threads.runOn(team);
        try {
            body.run();
        } finally {
            threads.runOn(before);
        }
    }

    @Test
    void partsRunOnAnOpenMpThreadBesidesTheCaller() {
        CpuThreads.Team team = team();
        assumeTrue(threads.threads() >= 2, "one thread configured: no team to share");
        Thread caller = Thread.currentThread();
        Set<Thread> ran = ConcurrentHashMap.newKeySet();
        CountDownLatch secondPartStarted = new CountDownLatch(1);
        AtomicReference<Boolean> inlineInside = new AtomicReference<>();
        onTeam(team, () -> threads.forParts(2, 2, (from, to) -> {
            ran.add(Thread.currentThread());
            inlineInside.set(CpuThreads.onWorker());
            if (from == 0) {
                // Part 0 holds its thread until another thread has taken part 1: proof of a second team thread.
                try {
                    assertTrue(secondPartStarted.await(10, TimeUnit.SECONDS), "no second OpenMP thread took part 1");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                secondPartStarted.countDown();
            }
        }));
        assertEquals(2, ran.size(), "threads that ran parts: " + ran);
        assertTrue(ran.contains(caller), "the caller takes part");
        assertTrue(inlineInside.get(), "loops inside a part run inline");
        assertFalse(CpuThreads.onWorker(), "the caller is no longer inside a part");
    }

    @Test
    void aFailureInAnyPartReachesTheCallerAndTheTeamStillWorks() {
        CpuThreads.Team team = team();
        AssertionError boom = new AssertionError("boom");
        onTeam(team, () -> {
            for (int failing = 0; failing < 4; failing++) {
                long bad = failing;
                AssertionError e = assertThrows(AssertionError.class, () -> threads.forParts(4, 4, (from, to) -> {
                    if (from == bad) throw boom;
                }));
                assertSame(boom, e);
            }
            AtomicLong sum = new AtomicLong();
            threads.forParts(1000, 4, (from, to) -> {
                for (long i = from; i < to; i++) sum.addAndGet(i);
            });
            assertEquals(999L * 1000 / 2, sum.get());
        });
    }

    @Test
    void concurrentCallersEachGetTheirOwnTeam() throws InterruptedException {
        CpuThreads.Team team = team();
        List<Thread> callers = new ArrayList<>();
        ConcurrentHashMap<Integer, Throwable> failures = new ConcurrentHashMap<>();
        onTeam(team, () -> {
            for (int c = 0; c < 4; c++) {
                int id = c;
                callers.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int round = 0; round < 200; round++) {
                            long n = 1000 + id * 7L + round;
                            AtomicLong sum = new AtomicLong();
                            threads.forParts(n, 3, (from, to) -> {
                                long s = 0;
                                for (long i = from; i < to; i++) s += i;
                                sum.addAndGet(s);
                            });
                            assertEquals(n * (n - 1) / 2, sum.get(), "caller " + id + " round " + round);
                        }
                    } catch (Throwable t) {
                        failures.put(id, t);
                    }
                }));
            }
            for (Thread t : callers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        assertTrue(failures.isEmpty(), () -> "callers failed: " + failures);
    }

    @Test
    void theBackendReportsWhichPoolRunsItsLoops() {
        team();
        String pool;
        try (dev.triad.spi.backend.Backend b = new dev.triad.backend.cpu.CpuBackendProvider().open()) {
            pool = b.defaultDevice().properties().get("pool");
        }
        assertNotNull(pool);
        assertTrue(threads.threads() == 1 || pool.contains("OpenMP"), pool);
    }
}
