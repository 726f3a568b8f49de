package dev.triad.backend.cuda;

import org.bytedeco.javacpp.Pointer;

/**
 * A device address as a JavaCPP {@link Pointer}, for library calls (cuBLAS, cuDNN) that take
 * {@code void*} device operands. It owns nothing: JavaCPP never frees it.
 */
final class DevicePointer extends Pointer {
    DevicePointer(long address) {
        super((Pointer) null);
        this.address = address;
    }
}
