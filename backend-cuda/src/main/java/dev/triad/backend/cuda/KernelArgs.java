package dev.triad.backend.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Kernel arguments as the bytes {@code cuLaunchKernel} copies: one little-endian block per
 * parameter, in the kernel's parameter order. Pure Java so that the layout is testable
 * without a GPU; {@link CudaRuntime} copies the blocks to native memory and passes their
 * addresses.
 *
 * <p>Accepted arguments: {@link DevicePtr} (a device pointer, 8 bytes), {@code long[]} (an
 * index-metadata struct passed by value: the emitter's structs hold only {@code tri_i64}
 * fields, so their layout is the array's), {@link Long} (a {@code tri_i64}) and {@link Raw}
 * (an element's bits of 1, 2, 4 or 8 bytes).
 */
public final class KernelArgs {
    private KernelArgs() {}

    /** A device address. */
    public record DevicePtr(long address) {}

    /** Raw element bits passed by value. */
    public record Raw(int bytes, long bits) {
        /** Checks the width. */
        public Raw {
            if (bytes != 1 && bytes != 2 && bytes != 4 && bytes != 8) throw new IllegalArgumentException("no element of " + bytes + " bytes");
        }
    }

    /** The parameter blocks for {@code args}. */
    public static List<byte[]> pack(Object... args) {
        List<byte[]> out = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            ByteBuffer b;
            if (a instanceof DevicePtr p) b = buffer(8).putLong(p.address());
            else if (a instanceof Long l) b = buffer(8).putLong(l);
            else if (a instanceof long[] s) {
                b = buffer(8 * s.length);
                for (long v : s) b.putLong(v);
            } else if (a instanceof Raw r) {
                b = buffer(r.bytes());
                switch (r.bytes()) {
                    case 1 -> b.put((byte) r.bits());
                    case 2 -> b.putShort((short) r.bits());
                    case 4 -> b.putInt((int) r.bits());
                    default -> b.putLong(r.bits());
                }
            } else {
                throw new IllegalArgumentException("kernel argument " + i + " has an unsupported type: " + (a == null ? "null" : a.getClass().getName()));
            }
            out.add(b.array());
        }
        return out;
    }

    private static ByteBuffer buffer(int n) { return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN); }

    /** A short description for error messages. */
    public static String describe(Object... args) {
        StringBuilder b = new StringBuilder();
        for (Object a : args) {
            if (b.length() > 0) b.append(", ");
            b.append(a instanceof long[] s ? "struct[" + s.length + "]" : a instanceof DevicePtr p ? "0x" + Long.toHexString(p.address()) : String.valueOf(a));
        }
        return b.toString();
    }
}
