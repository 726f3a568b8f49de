package dev.triad.conformance.frontends.eager;

import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.target.Layout;
import dev.triad.conformance.target.Session;
import dev.triad.conformance.target.Target;
import dev.triad.eager.EagerOps;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;

/**
 * A backend seen through the eager front-end, so that the suite's own op checks
 * ({@link dev.triad.conformance.check.ForwardCheck}, {@link dev.triad.conformance.check.LayoutCheck},
 * {@link dev.triad.conformance.check.ErrorCheck}) run on it unchanged: values are eager
 * {@link Tensor}s, ops go through {@link EagerOps#apply} (the single entry of every Tensor
 * method, including the zero-copy view path of the movement ops), non-contiguous inputs are
 * made with the Tensor API's own views ({@link TensorLayouts}), and a session is a
 * {@link Scope}, so closing it releases every tensor it made.
 *
 * <p>Its name is the backend's, so reports put its results in the backend's row; the planner
 * ({@link EagerSuite}) names the checks {@code eager ...}.
 */
public final class EagerTarget implements Target<Tensor> {
    private final Backend backend;

    /** The eager front-end over an opened backend (the caller closes it). */
    public EagerTarget(Backend backend) { this.backend = backend; }

    /** The backend under the front-end. */
    public Backend backend() { return backend; }

    @Override public String name() { return backend.name(); }
    @Override public Support supports(Primitive p, DType dtype) { return backend.supports(p, dtype); }
    @Override public boolean hasFusedKernel(Primitive p) { return backend.hasFusedKernel(p); }
    @Override public long liveBytes() { return backend.allocator().stats().liveBytes(); }
    @Override public String liveBlockReport() { return backend.allocator().liveBlockReport(); }

    /** Opens a session: a {@link Scope} on this thread, closed (innermost first) by {@link Session#close()}. */
    @Override
    public Session<Tensor> open() { return new EagerSession(); }

    private final class EagerSession implements Session<Tensor> {
        private final Scope scope = Scope.open();

        @Override public Ops<Tensor> ops() { return EagerOps.of(backend); }
        @Override public Tensor upload(RefArray logical, Layout layout) { return TensorLayouts.build(logical, layout, backend); }
        @Override public RefArray download(Tensor value) { return Values.ref(value); }
        @Override public void close() { scope.close(); }
    }
}
