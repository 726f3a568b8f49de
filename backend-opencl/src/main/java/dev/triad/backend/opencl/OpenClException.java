package dev.triad.backend.opencl;

import dev.triad.spi.error.TriadException;

/**
 * An OpenCL call returned an error status. Carries the call, the status code and its name,
 * and for program builds the compiler's log, so the message alone says what failed.
 */
public class OpenClException extends TriadException {
    private final String call;
    private final int code;
    private final String buildLog;

    /**
     * Creates the error.
     *
     * @param op the op being run when it happened, or null
     * @param call the OpenCL function, e.g. {@code clEnqueueNDRangeKernel}, with what it was asked to do
     * @param code the status code
     * @param buildLog the compiler log for program builds, else null
     */
    public OpenClException(String op, String call, int code, String buildLog) {
        super(op, call + " failed with " + ClErrors.name(code) + " (" + code + ")"
                + (buildLog == null || buildLog.isBlank() ? "" : "\nbuild log:\n" + buildLog.strip()));
        this.call = call;
        this.code = code;
        this.buildLog = buildLog;
    }

    /** The OpenCL call that failed. */
    public String call() { return call; }

    /** The status code. */
    public int code() { return code; }

    /** The status code's name, e.g. {@code CL_BUILD_PROGRAM_FAILURE}. */
    public String codeName() { return ClErrors.name(code); }

    /** The compiler log of a failed build, or null. */
    public String buildLog() { return buildLog; }
}
