package dev.triad.backend.cuda;

import java.util.Map;
import java.util.Set;

/**
 * Names of the status codes of the four CUDA libraries Triad calls, in plain Java so that an
 * error can be named even when the library that could name it failed to load, and so that the
 * mapping is testable without a GPU. Codes not listed are shown as {@code <LIB>_STATUS_<n>}.
 */
public final class CudaErrors {
    private CudaErrors() {}

    /** The library a status code came from. */
    public enum Library {
        /** The driver API ({@code CUresult}). */
        DRIVER,
        /** The run-time compiler ({@code nvrtcResult}). */
        NVRTC,
        /** cuBLAS ({@code cublasStatus_t}). */
        CUBLAS,
        /** cuDNN ({@code cudnnStatus_t}). */
        CUDNN
    }

    private static final Map<Integer, String> DRIVER = Map.ofEntries(
            Map.entry(0, "CUDA_SUCCESS"), Map.entry(1, "CUDA_ERROR_INVALID_VALUE"), Map.entry(2, "CUDA_ERROR_OUT_OF_MEMORY"),
            Map.entry(3, "CUDA_ERROR_NOT_INITIALIZED"), Map.entry(4, "CUDA_ERROR_DEINITIALIZED"),
            Map.entry(34, "CUDA_ERROR_STUB_LIBRARY"), Map.entry(46, "CUDA_ERROR_DEVICE_UNAVAILABLE"),
            Map.entry(100, "CUDA_ERROR_NO_DEVICE"), Map.entry(101, "CUDA_ERROR_INVALID_DEVICE"),
            Map.entry(200, "CUDA_ERROR_INVALID_IMAGE"), Map.entry(201, "CUDA_ERROR_INVALID_CONTEXT"),
            Map.entry(209, "CUDA_ERROR_NO_BINARY_FOR_GPU"), Map.entry(214, "CUDA_ERROR_ECC_UNCORRECTABLE"),
            Map.entry(218, "CUDA_ERROR_INVALID_PTX"), Map.entry(222, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION"),
            Map.entry(300, "CUDA_ERROR_INVALID_SOURCE"), Map.entry(400, "CUDA_ERROR_INVALID_HANDLE"),
            Map.entry(500, "CUDA_ERROR_NOT_FOUND"), Map.entry(600, "CUDA_ERROR_NOT_READY"),
            Map.entry(700, "CUDA_ERROR_ILLEGAL_ADDRESS"), Map.entry(701, "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES"),
            Map.entry(702, "CUDA_ERROR_LAUNCH_TIMEOUT"), Map.entry(710, "CUDA_ERROR_ASSERT"),
            Map.entry(714, "CUDA_ERROR_HARDWARE_STACK_ERROR"), Map.entry(715, "CUDA_ERROR_ILLEGAL_INSTRUCTION"),
            Map.entry(716, "CUDA_ERROR_MISALIGNED_ADDRESS"), Map.entry(717, "CUDA_ERROR_INVALID_ADDRESS_SPACE"),
            Map.entry(718, "CUDA_ERROR_INVALID_PC"), Map.entry(719, "CUDA_ERROR_LAUNCH_FAILED"),
            Map.entry(802, "CUDA_ERROR_SYSTEM_NOT_READY"), Map.entry(803, "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH"),
            Map.entry(804, "CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE"), Map.entry(999, "CUDA_ERROR_UNKNOWN"));

    /**
     * Driver errors after which the context is corrupted and every later call fails the same
     * way (the driver API documents these as leaving the process in an inconsistent state).
     */
    private static final Set<Integer> STICKY = Set.of(214, 700, 702, 710, 714, 715, 716, 717, 718, 719);

    private static final Map<Integer, String> NVRTC = Map.ofEntries(
            Map.entry(0, "NVRTC_SUCCESS"), Map.entry(1, "NVRTC_ERROR_OUT_OF_MEMORY"), Map.entry(2, "NVRTC_ERROR_PROGRAM_CREATION_FAILURE"),
            Map.entry(3, "NVRTC_ERROR_INVALID_INPUT"), Map.entry(4, "NVRTC_ERROR_INVALID_PROGRAM"), Map.entry(5, "NVRTC_ERROR_INVALID_OPTION"),
            Map.entry(6, "NVRTC_ERROR_COMPILATION"), Map.entry(7, "NVRTC_ERROR_BUILTIN_OPERATION_FAILURE"),
            Map.entry(11, "NVRTC_ERROR_INTERNAL_ERROR"));

    private static final Map<Integer, String> CUBLAS = Map.ofEntries(
            Map.entry(0, "CUBLAS_STATUS_SUCCESS"), Map.entry(1, "CUBLAS_STATUS_NOT_INITIALIZED"), Map.entry(3, "CUBLAS_STATUS_ALLOC_FAILED"),
            Map.entry(7, "CUBLAS_STATUS_INVALID_VALUE"), Map.entry(8, "CUBLAS_STATUS_ARCH_MISMATCH"), Map.entry(11, "CUBLAS_STATUS_MAPPING_ERROR"),
            Map.entry(13, "CUBLAS_STATUS_EXECUTION_FAILED"), Map.entry(14, "CUBLAS_STATUS_INTERNAL_ERROR"),
            Map.entry(15, "CUBLAS_STATUS_NOT_SUPPORTED"), Map.entry(16, "CUBLAS_STATUS_LICENSE_ERROR"));

    // cuDNN 9 groups codes by category in thousands; the category name is the useful part.
    private static final Map<Integer, String> CUDNN = Map.ofEntries(
            Map.entry(0, "CUDNN_STATUS_SUCCESS"), Map.entry(1001, "CUDNN_STATUS_NOT_INITIALIZED"),
            Map.entry(2000, "CUDNN_STATUS_BAD_PARAM"), Map.entry(3000, "CUDNN_STATUS_NOT_SUPPORTED"),
            Map.entry(4000, "CUDNN_STATUS_INTERNAL_ERROR"), Map.entry(5000, "CUDNN_STATUS_EXECUTION_FAILED"));

    /** The symbolic name of {@code code} from {@code lib}. */
    public static String name(Library lib, int code) {
        String n = switch (lib) {
            case DRIVER -> DRIVER.get(code);
            case NVRTC -> NVRTC.get(code);
            case CUBLAS -> CUBLAS.get(code);
            case CUDNN -> CUDNN.containsKey(code) ? CUDNN.get(code) : cudnnCategory(code);
        };
        return n != null ? n : lib.name() + "_STATUS_" + code;
    }

    private static String cudnnCategory(int code) {
        String base = CUDNN.get(code / 1000 * 1000);
        return base == null ? null : base + "_" + code;
    }

    /** True when a driver error leaves the context unusable (illegal address, launch failure, ...). */
    public static boolean isSticky(Library lib, int code) { return lib == Library.DRIVER && STICKY.contains(code); }

    /** True when the status means the device ran out of memory. */
    public static boolean isOutOfMemory(Library lib, int code) {
        return switch (lib) {
            case DRIVER -> code == 2;
            case NVRTC -> code == 1;
            case CUBLAS -> code == 3;
            case CUDNN -> code / 1000 == 4 && code % 1000 == 4; // CUDNN_STATUS_INTERNAL_ERROR_DEVICE_ALLOCATION_FAILED
        };
    }
}
