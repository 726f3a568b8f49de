package dev.triad.backend.cpu.kernels;

import dev.triad.spi.types.DType;

import java.lang.foreign.MemorySegment;

/**
 * A matrix inside a segment: element {@code (i, j)} is at element offset
 * {@code off + i * rowStride + j * colStride} (any strides, zero and negative included).
 *
 * @param seg the storage
 * @param dtype element type
 * @param off element offset of (0, 0)
 * @param rowStride elements between rows
 * @param colStride elements between columns
 */
record Mat(MemorySegment seg, DType dtype, long off, long rowStride, long colStride) {
    /** Element offset of {@code (i, j)}. */
    long at(long i, long j) { return off + i * rowStride + j * colStride; }
}
