package dev.triad.backend.cpu.onednn;

import dev.triad.backend.cpu.CpuThreads;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * oneDNN's OpenMP team as the CPU backend's pool for Java loops: {@code GOMP_parallel} runs a
 * Java task (an FFM upcall) on each thread of the calling thread's team, so Java kernels and
 * oneDNN primitives share one set of threads. With separate pools, the OpenMP thread that
 * spins for a while after each oneDNN call (the bounded spin {@link OpenMp} asks for) took a
 * core from the Java worker that the next elementwise loop woke; on one team that spinning
 * thread is the one that takes the loop's next part.
 *
 * <p>libgomp keeps a team per calling thread and waits for all of them at the end of the
 * region, so {@link #runOnEach} returns only when every run has ended. An exception must never
 * cross the native frames (it would abort the JVM): the task catches its own, and anything
 * that escapes it anyway is printed and dropped here. OpenMP threads become Java threads on
 * their first upcall and stay attached until they exit.
 */
final class OpenMpTeam implements CpuThreads.Team {
    /** {@code -Dtriad.cpu.pool=java} keeps the Java worker threads even where the OpenMP team could run Java loops. */
    static final String POOL_PROPERTY = "triad.cpu.pool";

    private static final ConcurrentHashMap<Long, Runnable> TASKS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_ID = new AtomicLong();

    private final MethodHandle parallel;
    private final MemorySegment entry;

    private OpenMpTeam(MethodHandle parallel, MemorySegment entry) {
        this.parallel = parallel;
        this.entry = entry;
    }

    /**
     * The team of the loaded libgomp, or null where Java loops must stay on Java workers: the
     * user asked for that ({@code -Dtriad.cpu.pool=java}) or libgomp lacks {@code GOMP_parallel}
     * (before GCC 4.9).
     */
    static OpenMpTeam bind(SymbolLookup libgomp) throws ReflectiveOperationException {
        if (System.getProperty(POOL_PROPERTY, "openmp").trim().equalsIgnoreCase("java")) return null;
        Linker linker = Linker.nativeLinker();
        var symbol = libgomp.find("GOMP_parallel");
        if (symbol.isEmpty()) return null;
        // void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags)
        MethodHandle parallel = linker.downcallHandle(symbol.get(), FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
        MethodHandle target = MethodHandles.lookup().findStatic(OpenMpTeam.class, "entry", MethodType.methodType(void.class, MemorySegment.class));
        MemorySegment entry = linker.upcallStub(target, FunctionDescriptor.ofVoid(ADDRESS), Arena.global());
        return new OpenMpTeam(parallel, entry);
    }

    @Override
    public void runOnEach(int threads, Runnable task) {
        long id = NEXT_ID.incrementAndGet();
        TASKS.put(id, task);
        try {
            parallel.invokeExact(entry, MemorySegment.ofAddress(id), threads, 0);
        } catch (Throwable t) {
            throw new IllegalStateException("GOMP_parallel failed", t);
        } finally {
            TASKS.remove(id);
        }
    }

    /** The upcall each team thread makes: runs the task registered under the address it is given. */
    private static void entry(MemorySegment data) {
        try {
            Runnable task = TASKS.get(data.address());
            if (task != null) task.run();
        } catch (Throwable t) {
            // Nothing may unwind into libgomp; the task reports its own failures to its caller.
            t.printStackTrace();
        }
    }

    @Override
    public String describe() { return "oneDNN's OpenMP team (-D" + POOL_PROPERTY + "=java for Java workers)"; }
}
