package dev.triad.backend.cpu.kernels;

import dev.triad.spi.types.DType;

/**
 * The type arithmetic runs in: F32 for F32 and the 16-bit floats (rounded when stored), F64,
 * and I64 for every integer type and BOOL (wrapped when stored, which gives the same low bits
 * as arithmetic in the narrow type).
 */
enum Lane {
    /** float, 4 bytes. */ F32(DType.F32),
    /** double, 8 bytes. */ F64(DType.F64),
    /** long, 8 bytes. */ I64(DType.I64);

    /** The dtype whose memory layout this lane's values have. */
    final DType storage;
    /** Bytes per value. */
    final int bytes;

    Lane(DType nativeType) {
        this.storage = nativeType;
        this.bytes = nativeType.byteSize();
    }

    /** The lane {@code t} computes in. */
    static Lane of(DType t) {
        return switch (t) {
            case F32, BF16, F16 -> F32;
            case F64 -> F64;
            case I32, I64, U8, BOOL -> I64;
        };
    }
}
