package dev.triad.backend.cpu.onednn;

import dev.triad.spi.error.TriadException;

/**
 * A oneDNN call returned an error status. Carries the C function's name and the status's
 * name, so the message says which call failed and why in oneDNN's own words.
 */
public final class DnnlException extends TriadException {
    private final int status;

    DnnlException(String call, int status) {
        super(null, "oneDNN call " + call + " failed with " + statusName(status) + " (" + status + ")");
        this.status = status;
    }

    /** The {@code dnnl_status_t} value. */
    public int status() { return status; }

    /** The name of a {@code dnnl_status_t} value. */
    static String statusName(int status) {
        return switch (status) {
            case 0 -> "dnnl_success";
            case 1 -> "dnnl_out_of_memory";
            case 2 -> "dnnl_invalid_arguments";
            case 3 -> "dnnl_unimplemented";
            case 4 -> "dnnl_last_impl_reached";
            case 5 -> "dnnl_runtime_error";
            case 6 -> "dnnl_not_required";
            case 7 -> "dnnl_invalid_graph";
            case 8 -> "dnnl_invalid_graph_op";
            case 9 -> "dnnl_invalid_shape";
            case 10 -> "dnnl_invalid_data_type";
            default -> "unknown status";
        };
    }
}
