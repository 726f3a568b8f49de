package dev.triad.backend.cuda;

/**
 * A sticky device error (illegal address, launch failure, ECC error, ...): the CUDA context is
 * corrupted and every later call would fail the same way. The backend marks the device
 * unusable when it sees one; later calls throw this at once instead of touching the driver.
 * The JVM keeps running; a new process is needed to use the GPU again.
 */
public final class DeviceLostException extends CudaException {
    /**
     * @param op the op being run, or null
     * @param call the call that reported the error
     * @param code the driver status
     */
    public DeviceLostException(String op, String call, int code) {
        super(op, call + " [the device is now unusable in this process]", CudaErrors.Library.DRIVER, code, null);
    }
}
