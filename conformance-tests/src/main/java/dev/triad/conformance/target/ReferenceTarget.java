package dev.triad.conformance.target;

import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.reference.ReferenceOps;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;

/** The reference interpreter as a target: supports everything and holds no device memory. */
public final class ReferenceTarget implements Target<RefArray> {
    /** The shared instance. */
    public static final ReferenceTarget INSTANCE = new ReferenceTarget();

    private ReferenceTarget() {}

    @Override public String name() { return "reference"; }
    @Override public Support supports(Primitive p, DType dtype) { return Support.YES; }
    @Override public boolean hasFusedKernel(Primitive p) { return false; }
    @Override public long liveBytes() { return 0; }
    @Override public String liveBlockReport() { return "the reference holds no device memory"; }
    @Override public boolean isReference() { return true; }

    @Override
    public Session<RefArray> open() {
        return new Session<>() {
            @Override public Ops<RefArray> ops() { return ReferenceOps.INSTANCE; }
            // A copy, so that two uploads are never the same object (tapes key values by identity).
            @Override public RefArray upload(RefArray logical, Layout layout) { return logical.reshaped(logical.shape()); }
            @Override public RefArray download(RefArray value) { return value; }
            @Override public void close() {}
        };
    }
}
