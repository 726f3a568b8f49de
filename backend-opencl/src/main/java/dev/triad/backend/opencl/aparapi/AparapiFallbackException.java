package dev.triad.backend.opencl.aparapi;

import dev.triad.spi.error.TriadException;

/**
 * An Aparapi custom op under {@link FallbackPolicy#REQUIRE_OPENCL} could not run on the OpenCL
 * device. The message names the op, where it would have run instead and Aparapi's reason.
 */
public class AparapiFallbackException extends TriadException {
    private final ExecutionMode mode;
    private final String reason;

    /**
     * Creates the error.
     *
     * @param op the custom op's name
     * @param mode where the kernel ran or would have run instead ({@link ExecutionMode#UNKNOWN} when it did not run)
     * @param reason Aparapi's reason, as it logged or threw it
     */
    public AparapiFallbackException(String op, ExecutionMode mode, String reason) {
        super(op, "the Aparapi kernel did not run on OpenCL (policy REQUIRE_OPENCL); execution mode " + mode + "; reason: " + reason);
        this.mode = mode;
        this.reason = reason;
    }

    /** Where the kernel ran or would have run instead. */
    public ExecutionMode mode() { return mode; }

    /** Aparapi's reason. */
    public String reason() { return reason; }
}
