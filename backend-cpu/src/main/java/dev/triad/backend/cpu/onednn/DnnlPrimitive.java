package dev.triad.backend.cpu.onednn;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * One created oneDNN primitive with a memory object per argument. The memory objects carry
 * the layouts the primitive was created for and no data: each execution points them at the
 * caller's buffers ({@code dnnl_memory_set_data_handle}), so one cached primitive serves every
 * call with the same shapes and strides. Not thread-safe on its own: {@link OneDnn} executes
 * primitives under its lock.
 */
final class DnnlPrimitive implements OneDnn.Cached {
    /** Bytes of one {@code dnnl_exec_arg_t}: an int argument id, padded, and a memory handle. */
    private static final long EXEC_ARG_BYTES = 16;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment primitive;
    private final MemorySegment[] memories;
    private final MemorySegment args;
    private final String impl;
    private boolean destroyed;

    /**
     * Takes over {@code primitive}; creates one empty memory object per argument.
     *
     * @param argIds the {@code DNNL_ARG_*} id of each argument, in the order {@link OneDnn#execute} gets the buffers
     * @param mds the memory descriptor of each argument (copied by oneDNN)
     * @param extra memory objects the primitive owns beyond the caller's buffers (e.g. a
     *              workspace allocated by oneDNN), appended after the arguments, or null
     * @param extraIds their argument ids
     */
    DnnlPrimitive(MemorySegment engine, MemorySegment primitive, String impl, int[] argIds, MemorySegment[] mds,
                  MemorySegment[] extra, int[] extraIds) {
        this.primitive = primitive;
        this.impl = impl;
        int n = argIds.length, m = extra == null ? 0 : extra.length;
        this.memories = new MemorySegment[n + m];
        this.args = arena.allocate(EXEC_ARG_BYTES * (n + m), 8);
        MemorySegment out = arena.allocate(ADDRESS);
        try {
            for (int i = 0; i < n; i++) {
                DnnlApi.check((int) DnnlApi.MEMORY_CREATE.invokeExact(out, mds[i], engine, DnnlApi.NULL), "dnnl_memory_create");
                memories[i] = DnnlApi.handle(out);
                args.set(JAVA_INT, EXEC_ARG_BYTES * i, argIds[i]);
                args.set(ADDRESS, EXEC_ARG_BYTES * i + 8, memories[i]);
            }
            for (int j = 0; j < m; j++) {
                memories[n + j] = extra[j];
                args.set(JAVA_INT, EXEC_ARG_BYTES * (n + j), extraIds[j]);
                args.set(ADDRESS, EXEC_ARG_BYTES * (n + j) + 8, extra[j]);
            }
        } catch (RuntimeException | Error e) {
            destroy();
            throw e;
        } catch (Throwable t) {
            destroy();
            throw new IllegalStateException(t);
        }
    }

    /** The implementation oneDNN chose, e.g. {@code brg_matmul:avx512_core}. */
    String impl() { return impl; }

    @Override
    public String toString() { return impl; }

    /** Points argument {@code i} at {@code data} and runs nothing; callers hold {@link OneDnn}'s lock. */
    void bind(int i, MemorySegment data) throws Throwable {
        DnnlApi.check((int) DnnlApi.MEMORY_SET_DATA_HANDLE.invokeExact(memories[i], data), "dnnl_memory_set_data_handle");
    }

    /** Executes on {@code stream} and waits; callers hold {@link OneDnn}'s lock and have bound every argument. */
    void execute(MemorySegment stream) throws Throwable {
        DnnlApi.check((int) DnnlApi.PRIMITIVE_EXECUTE.invokeExact(primitive, stream, memories.length, args), "dnnl_primitive_execute");
        DnnlApi.check((int) DnnlApi.STREAM_WAIT.invokeExact(stream), "dnnl_stream_wait");
    }

    /** Destroys the primitive and its memory objects; idempotent. */
    @Override
    public void destroy() {
        if (destroyed) return;
        destroyed = true;
        try {
            for (MemorySegment m : memories) {
                if (m != null) {
                    int ignored = (int) DnnlApi.MEMORY_DESTROY.invokeExact(m);
                }
            }
            if (primitive != null) {
                int ignored = (int) DnnlApi.PRIMITIVE_DESTROY.invokeExact(primitive);
            }
        } catch (Throwable t) {
            // Teardown of native objects: nothing useful to do with a failure here.
        } finally {
            arena.close();
        }
    }
}
