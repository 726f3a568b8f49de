package dev.triad.backend.cpu.kernels;

import dev.triad.spi.types.DType;

import java.lang.foreign.MemorySegment;

/**
 * Where one operand's run of lane values is, for an elementwise body: in place in the
 * operand's own memory when it already is a contiguous run of the lane's type, else loaded
 * (converted, gathered along a stride, or broadcast) into this operand's scratch.
 */
final class Operand {
    final MemorySegment source;
    final DType dtype;
    final Lane lane;
    final boolean inPlace;
    /** Allocated on first need: contiguous same-type runs never use it, and small ops should not pay for it. */
    private MemorySegment scratch;
    /** Segment and byte offset of the current run, set by {@link #load}. */
    MemorySegment seg;
    long byteOffset;

    private final Scratch.Lease lease;

    Operand(MemorySegment source, DType dtype, Lane lane, Scratch.Lease lease) {
        this.lease = lease;
        this.source = source;
        this.dtype = dtype;
        this.lane = lane;
        this.inPlace = dtype == lane.storage;
    }

    /** Makes the run of {@code n} elements at element {@code off}, step {@code stride}, available as lane values. */
    void load(long off, long stride, int n) {
        if (inPlace && stride == 1) {
            seg = source;
            byteOffset = off * lane.bytes;
        } else {
            seg = scratch();
            Convert.load(source, dtype, off, stride, n, lane, seg);
            byteOffset = 0;
        }
    }

    /** Points the run at the destination when lane values can be written there directly, else at the scratch. */
    void target(long off, long stride) {
        if (inPlace && stride == 1) {
            seg = source;
            byteOffset = off * lane.bytes;
        } else {
            seg = scratch();
            byteOffset = 0;
        }
    }

    /** This operand's scratch run. */
    MemorySegment scratch() {
        if (scratch == null) scratch = lease.take();
        return scratch;
    }

    /** Stores the scratch run to the destination (no-op when the run was written in place). */
    void flush(long off, long stride, int n) {
        if (seg == scratch) Convert.store(seg, lane, n, source, dtype, off, stride);
    }
}
