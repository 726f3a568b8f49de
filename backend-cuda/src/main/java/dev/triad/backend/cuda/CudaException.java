package dev.triad.backend.cuda;

import dev.triad.spi.error.TriadException;

/**
 * A CUDA, NVRTC, cuBLAS or cuDNN call returned an error status. Carries the call (with what it
 * was asked to do), the library, the code and its name, and for compilations NVRTC's log.
 */
public class CudaException extends TriadException {
    private final String call;
    private final CudaErrors.Library library;
    private final int code;
    private final String log;

    /**
     * @param op the op being run, or null
     * @param call the function that failed, with its salient arguments
     * @param library the library the status came from
     * @param code the status code
     * @param log the compiler log, or null
     */
    public CudaException(String op, String call, CudaErrors.Library library, int code, String log) {
        super(op, call + " failed with " + CudaErrors.name(library, code) + " (" + code + ")"
                + (log == null || log.isBlank() ? "" : "\ncompiler log:\n" + log.strip()));
        this.call = call;
        this.library = library;
        this.code = code;
        this.log = log;
    }

    /** The call that failed. */
    public String call() { return call; }

    /** The library that reported it. */
    public CudaErrors.Library library() { return library; }

    /** The status code. */
    public int code() { return code; }

    /** The status code's name, e.g. {@code CUDA_ERROR_ILLEGAL_ADDRESS}. */
    public String codeName() { return CudaErrors.name(library, code); }

    /** NVRTC's log for a failed compilation, else null. */
    public String log() { return log; }

    /** The same error attributed to {@code op}. */
    public CudaException withOp(String op) {
        CudaException e = this instanceof DeviceLostException ? new DeviceLostException(op, call, code)
                : new CudaException(op, call, library, code, log);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
