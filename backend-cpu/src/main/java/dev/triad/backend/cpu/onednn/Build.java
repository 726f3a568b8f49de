package dev.triad.backend.cpu.onednn;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The scratch of one primitive creation: memory descriptors, primitive descriptors and dims
 * arrays live until {@link #close()}, which destroys the descriptors (a created primitive and
 * its memory objects keep their own copies).
 */
final class Build implements AutoCloseable {
    /** oneDNN's {@code DNNL_MAX_NDIMS}: every {@code dnnl_dims_t} has this many entries. */
    static final int MAX_NDIMS = 12;
    /** {@code dnnl_f32}. */
    static final int F32 = org.bytedeco.dnnl.global.dnnl.dnnl_f32;
    /** {@code dnnl_format_tag_any}: let the primitive choose the layout. */
    private static final int FORMAT_ANY = org.bytedeco.dnnl.global.dnnl.dnnl_format_tag_any;
    /** {@code dnnl_query_impl_info_str}. */
    private static final int QUERY_IMPL = org.bytedeco.dnnl.global.dnnl.dnnl_query_impl_info_str;

    /** A call that creates a primitive descriptor into {@code out} and returns its status. */
    @FunctionalInterface
    interface PdCall {
        int create(MemorySegment out) throws Throwable;
    }

    final Arena arena = Arena.ofConfined();
    private final MemorySegment engine;
    private final List<MemorySegment> mds = new ArrayList<>();
    private final List<MemorySegment> pds = new ArrayList<>();

    Build(MemorySegment engine) { this.engine = engine; }

    /** The engine primitives are created on. */
    MemorySegment engine() { return engine; }

    /** A {@code dnnl_dims_t} holding {@code v} (zero-filled past its length). */
    MemorySegment dims(long... v) {
        MemorySegment s = arena.allocate(JAVA_LONG, MAX_NDIMS);
        for (int i = 0; i < v.length; i++) s.setAtIndex(JAVA_LONG, i, v[i]);
        return s;
    }

    /** An f32 memory descriptor with these dims and element strides. */
    MemorySegment md(long[] dims, long[] strides) throws Throwable {
        if (dims.length > MAX_NDIMS) throw new IllegalArgumentException("oneDNN takes at most " + MAX_NDIMS + " dimensions, got " + dims.length);
        MemorySegment out = arena.allocate(ADDRESS);
        DnnlApi.check((int) DnnlApi.MD_CREATE_WITH_STRIDES.invokeExact(out, dims.length, dims(dims), F32, dims(strides)),
                "dnnl_memory_desc_create_with_strides");
        MemorySegment md = DnnlApi.handle(out);
        mds.add(md);
        return md;
    }

    /** An f32 memory descriptor with these dims whose layout the primitive chooses. */
    MemorySegment mdAny(long[] dims) throws Throwable {
        MemorySegment out = arena.allocate(ADDRESS);
        DnnlApi.check((int) DnnlApi.MD_CREATE_WITH_TAG.invokeExact(out, dims.length, dims(dims), F32, FORMAT_ANY), "dnnl_memory_desc_create_with_tag");
        MemorySegment md = DnnlApi.handle(out);
        mds.add(md);
        return md;
    }

    /** A primitive descriptor from {@code call}, destroyed when this build closes; null on any error status. */
    MemorySegment pd(PdCall call) throws Throwable {
        MemorySegment out = arena.allocate(ADDRESS);
        if (call.create(out) != 0) return null;
        MemorySegment pd = DnnlApi.handle(out);
        pds.add(pd);
        return pd;
    }

    /** The memory descriptor a primitive descriptor chose for {@code query} (e.g. {@code dnnl_query_src_md}); owned by the descriptor. */
    static MemorySegment queryMd(MemorySegment pd, int query) throws Throwable {
        return (MemorySegment) DnnlApi.PD_QUERY_MD.invokeExact(pd, query, 0);
    }

    /** True when two memory descriptors describe the same layout. */
    static boolean same(MemorySegment a, MemorySegment b) throws Throwable {
        return (int) DnnlApi.MD_EQUAL.invokeExact(a, b) != 0;
    }

    /** Bytes a memory descriptor's data needs. */
    static long size(MemorySegment md) throws Throwable {
        return (long) DnnlApi.MD_GET_SIZE.invokeExact(md);
    }

    /** The primitive of a descriptor from {@link #pd}, with memory objects for {@code argMds}. */
    DnnlPrimitive primitive(MemorySegment pd, int[] argIds, MemorySegment[] argMds) throws Throwable {
        MemorySegment out = arena.allocate(ADDRESS);
        DnnlApi.check((int) DnnlApi.PRIMITIVE_CREATE.invokeExact(out, pd), "dnnl_primitive_create");
        return new DnnlPrimitive(engine, DnnlApi.handle(out), impl(pd), argIds, argMds, null, null);
    }

    /** A reorder from layout {@code src} to layout {@code dst}, or null when oneDNN has none. */
    DnnlPrimitive reorder(MemorySegment src, MemorySegment dst) throws Throwable {
        MemorySegment pd = pd(out -> (int) DnnlApi.REORDER_PD.invokeExact(out, src, engine, dst, engine, DnnlApi.NULL));
        if (pd == null) return null;
        return primitive(pd, new int[] {org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM, org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO},
                new MemorySegment[] {src, dst});
    }

    /**
     * Creates the primitive descriptor with {@code call} and the primitive from it. Returns null
     * when oneDNN has no implementation for it (any error status of the descriptor call), or
     * when the only one is a reference implementation and {@code acceptReference} is false:
     * those are slower than the Java kernels, so the caller repacks or falls back instead.
     */
    DnnlPrimitive primitive(PdCall call, int[] argIds, MemorySegment[] argMds, boolean acceptReference) throws Throwable {
        MemorySegment out = arena.allocate(ADDRESS);
        if (call.create(out) != 0) return null;
        MemorySegment pd = DnnlApi.handle(out);
        try {
            String impl = impl(pd);
            if (!acceptReference && impl.startsWith("ref")) return null;
            DnnlApi.check((int) DnnlApi.PRIMITIVE_CREATE.invokeExact(out, pd), "dnnl_primitive_create");
            return new DnnlPrimitive(engine, DnnlApi.handle(out), impl, argIds, argMds, null, null);
        } finally {
            int ignored = (int) DnnlApi.PD_DESTROY.invokeExact(pd);
        }
    }

    /** The implementation name of a primitive descriptor. */
    String impl(MemorySegment pd) throws Throwable {
        MemorySegment out = arena.allocate(ADDRESS);
        if ((int) DnnlApi.PD_QUERY.invokeExact(pd, QUERY_IMPL, 0, out) != 0) return "unknown";
        return DnnlApi.handle(out).reinterpret(256).getString(0);
    }

    @Override
    public void close() {
        try {
            for (MemorySegment pd : pds) {
                int ignored = (int) DnnlApi.PD_DESTROY.invokeExact(pd);
            }
            for (MemorySegment md : mds) {
                int ignored = (int) DnnlApi.MD_DESTROY.invokeExact(md);
            }
        } catch (Throwable t) {
            // Descriptors are plain heap objects in oneDNN; a failed destroy only leaks a little.
        } finally {
            mds.clear();
            pds.clear();
            arena.close();
        }
    }
}
