package dev.triad.backend.cpu.onednn;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Downcall handles to the oneDNN C API, bound with the JDK's foreign function interface to the
 * {@code libdnnl.so} that the Bytedeco preset extracted and loaded. The C API is called
 * directly rather than through the preset's JNI classes: a downcall allocates nothing, needs no
 * {@code Pointer} objects per call, and the handles below are {@code static final}, so the JIT
 * treats each call like a direct native call.
 *
 * <p>This class must not be touched before {@link OneDnn} has found the library
 * ({@code OneDnn.libraryPath}): its static initialiser binds every symbol, and a missing one
 * fails the whole binding (which {@link OneDnn} catches and reports).
 */
final class DnnlApi {
    private DnnlApi() {}

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIB = SymbolLookup.libraryLookup(OneDnn.libraryPath, Arena.global());

    private static MethodHandle bind(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LIB.find(name).orElseThrow(() -> new UnsatisfiedLinkError("oneDNN has no symbol " + name)), d);
    }

    private static FunctionDescriptor status(java.lang.foreign.MemoryLayout... args) { return FunctionDescriptor.of(JAVA_INT, args); }

    static final MethodHandle ENGINE_CREATE = bind("dnnl_engine_create", status(ADDRESS, JAVA_INT, JAVA_LONG));
    static final MethodHandle STREAM_CREATE = bind("dnnl_stream_create", status(ADDRESS, ADDRESS, JAVA_INT));
    static final MethodHandle STREAM_WAIT = bind("dnnl_stream_wait", status(ADDRESS));
    static final MethodHandle MD_CREATE_WITH_STRIDES = bind("dnnl_memory_desc_create_with_strides", status(ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    static final MethodHandle MD_CREATE_WITH_TAG = bind("dnnl_memory_desc_create_with_tag", status(ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    static final MethodHandle MD_EQUAL = bind("dnnl_memory_desc_equal", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle REORDER_PD = bind("dnnl_reorder_primitive_desc_create", status(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle MD_DESTROY = bind("dnnl_memory_desc_destroy", status(ADDRESS));
    static final MethodHandle MD_GET_SIZE = bind("dnnl_memory_desc_get_size", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    static final MethodHandle MEMORY_CREATE = bind("dnnl_memory_create", status(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle MEMORY_DESTROY = bind("dnnl_memory_destroy", status(ADDRESS));
    static final MethodHandle MEMORY_SET_DATA_HANDLE = bind("dnnl_memory_set_data_handle", status(ADDRESS, ADDRESS));
    static final MethodHandle MATMUL_PD = bind("dnnl_matmul_primitive_desc_create", status(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle CONV_FORWARD_PD = bind("dnnl_convolution_forward_primitive_desc_create",
            status(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle CONV_BACKWARD_DATA_PD = bind("dnnl_convolution_backward_data_primitive_desc_create",
            status(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle CONV_BACKWARD_WEIGHTS_PD = bind("dnnl_convolution_backward_weights_primitive_desc_create",
            status(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle POOLING_FORWARD_PD = bind("dnnl_pooling_forward_primitive_desc_create",
            status(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle POOLING_BACKWARD_PD = bind("dnnl_pooling_backward_primitive_desc_create",
            status(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle SOFTMAX_FORWARD_PD = bind("dnnl_softmax_forward_primitive_desc_create",
            status(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
    static final MethodHandle LAYER_NORM_FORWARD_PD = bind("dnnl_layer_normalization_forward_primitive_desc_create",
            status(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_FLOAT, JAVA_INT, ADDRESS));
    static final MethodHandle BATCH_NORM_FORWARD_PD = bind("dnnl_batch_normalization_forward_primitive_desc_create",
            status(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_FLOAT, JAVA_INT, ADDRESS));
    static final MethodHandle PD_DESTROY = bind("dnnl_primitive_desc_destroy", status(ADDRESS));
    static final MethodHandle PD_QUERY = bind("dnnl_primitive_desc_query", status(ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    static final MethodHandle PD_QUERY_MD = bind("dnnl_primitive_desc_query_md", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
    static final MethodHandle PRIMITIVE_CREATE = bind("dnnl_primitive_create", status(ADDRESS, ADDRESS));
    static final MethodHandle PRIMITIVE_DESTROY = bind("dnnl_primitive_destroy", status(ADDRESS));
    static final MethodHandle PRIMITIVE_EXECUTE = bind("dnnl_primitive_execute", status(ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
    static final MethodHandle VERSION = bind("dnnl_version", FunctionDescriptor.of(ADDRESS));
    static final MethodHandle EFFECTIVE_CPU_ISA = bind("dnnl_get_effective_cpu_isa", FunctionDescriptor.of(JAVA_INT));

    /** Throws a {@link DnnlException} naming {@code call} unless {@code status} is {@code dnnl_success}. */
    static void check(int status, String call) {
        if (status != 0) throw new DnnlException(call, status);
    }

    /** Reads the pointer a create call wrote into {@code out}. */
    static MemorySegment handle(MemorySegment out) {
        return out.get(ADDRESS, 0);
    }

    /** A null handle, for optional arguments (bias, attributes, hints). */
    static final MemorySegment NULL = MemorySegment.NULL;
}
