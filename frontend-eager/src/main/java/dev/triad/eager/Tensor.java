package dev.triad.eager;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Device;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An n-dimensional array on a backend, with PyTorch's semantics: ops run at once, views share
 * storage, in-place methods end in {@code _}, and {@link #backward()} differentiates through
 * the recorded tape.
 *
 * <p>This class holds the tensor's state (storage view, version counter, autograd links,
 * ownership) and thin methods. Every method computes through the spi's generic algebra
 * ({@link EagerOps}, i.e. {@link dev.triad.spi.ops.Ops}); argument conventions (negative dims,
 * {@code -1} in reshape, vectors in matmul) are normalised by {@link Args}, indexing lives in
 * {@link TensorIndexing}, in-place updates in {@link InPlace}, printing in
 * {@link TensorFormatter}, factories in {@link Tensors}.
 *
 * <p>A tensor is {@link AutoCloseable}: {@link #close()} releases its storage reference
 * (idempotent). Tensors created inside a {@link Scope} are closed with it.
 */
public final class Tensor implements AutoCloseable {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    EagerOps ops;
    DeviceArray data;
    final Version version;
    /** Non-null for views made by a movement op: the base and the ops that lead to this view. */
    final ViewInfo view;
    /** Creation order; the backward pass uses it to tell its own temporaries apart. */
    final long sequence;
    /** Non-null for the stand-ins autograd hands to VJP rules. */
    private final OpNode.Saved saved;

    boolean requiresGrad;
    /** History of a non-leaf (or, for stand-ins, the node the gradient flows to). */
    Node gradFn;
    /** Version when {@link #gradFn} was set; a view whose storage changed since then refreshes it. */
    int historyVersion;
    private LeafNode accumulator;
    Tensor grad;

    Scope owner;
    private boolean closed;

    Tensor(EagerOps ops, DeviceArray data, Version version, ViewInfo view, OpNode.Saved saved) {
        this.ops = ops;
        this.data = data;
        this.version = version;
        this.view = view;
        this.saved = saved;
        this.sequence = SEQUENCE.incrementAndGet();
        if (saved == null) Scope.register(this);
    }

    /** A new tensor owning {@code data} (the caller's reference), registered with the current scope. */
    static Tensor wrap(DeviceArray data) {
        return new Tensor(EagerOps.of(data.backend()), data, new Version(), null, null);
    }

    /** A view tensor over {@code data} made from {@code source} by {@code p}: shares the version counter. */
    static Tensor viewOf(Tensor source, DeviceArray data, Primitive p, Attrs attrs) {
        return new Tensor(source.ops, data, source.version, ViewInfo.extend(source, p, attrs), null);
    }

    /**
     * A stand-in for a saved tensor during backward: same storage and version counter, not
     * owned by any scope, checks its version before its values are read, and (for graphs of
     * graphs) routes gradients to {@code edge}.
     */
    static Tensor savedStandIn(Tensor original, OpNode.Saved check, Node edge) {
        Tensor t = new Tensor(original.ops, original.data, original.version, null, check);
        t.gradFn = edge;
        t.requiresGrad = edge != null;
        return t;
    }

    /** True for the stand-ins of saved tensors that autograd hands to VJP rules. */
    boolean isStandIn() { return saved != null; }

    /** The last value of the creation counter (for the backward pass). */
    static long lastSequence() { return SEQUENCE.get(); }

    // ---- host transfer and factories that belong to the type ---------------------------------

    /** Uploads {@code host} to the default backend ({@link Triad#defaultBackend()}). */
    public static Tensor fromHost(HostArray host) { return Tensors.fromHost(host); }

    /** Uploads {@code host} to {@code backend}. */
    public static Tensor fromHost(HostArray host, Backend backend) { return Tensors.fromHost(host, backend); }

    /** Downloads the values (waiting for pending work) as a contiguous host array. */
    public HostArray toHost() { return backend().download(data()); }

    /** The values as floats (converted from the dtype), row-major. */
    public float[] toFloatArray() { return toHost().toFloats(); }

    /** The values as doubles, row-major. */
    public double[] toDoubleArray() { return toHost().toDoubles(); }

    /** The values as longs (floats truncate), row-major. */
    public long[] toLongArray() { return toHost().toLongs(); }

    /** The values as ints (floats truncate), row-major. */
    public int[] toIntArray() {
        long[] l = toLongArray();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) out[i] = (int) l[i];
        return out;
    }

    /** The values as booleans ({@code != 0}), row-major. */
    public boolean[] toBooleanArray() {
        double[] d = toDoubleArray();
        boolean[] out = new boolean[d.length];
        for (int i = 0; i < d.length; i++) out[i] = d[i] != 0;
        return out;
    }

    /** The value of a one-element tensor. */
    public double item() {
        if (numel() != 1) {
            throw new TriadException("item", "a tensor with " + numel() + " elements " + type() + " cannot be converted to a scalar; expected exactly one element");
        }
        return toHost().getDouble(0);
    }

    /** The value of a one-element integer tensor, exactly. */
    public long itemLong() {
        if (numel() != 1) {
            throw new TriadException("item", "a tensor with " + numel() + " elements " + type() + " cannot be converted to a scalar; expected exactly one element");
        }
        return toHost().getLong(0);
    }

    // ---- type, device, lifecycle -------------------------------------------------------------

    /** Element type and shape. */
    public TensorType type() { return data.type(); }
    /** Shape. */
    public Shape shape() { return data.shape(); }
    /** Element type. */
    public DType dtype() { return data.dtype(); }
    /** Number of dimensions. */
    public int dim() { return data.shape().rank(); }
    /** Size of dimension {@code d} (negative counts from the end). */
    public long size(int d) { return shape().dim(Args.dim(d, dim(), "size")); }
    /** Number of elements. */
    public long numel() { return shape().numel(); }
    /** The backend holding the storage. */
    public Backend backend() { return data.backend(); }
    /** The device holding the storage. */
    public Device device() { return data.backend().defaultDevice(); }
    /** True when the elements are laid out row-major without gaps. */
    public boolean isContiguous() { return data.isContiguous(); }
    /** The storage view (for backends and tools; do not close it). */
    public DeviceArray deviceArray() { return data(); }

    /** The storage, checked open (and, for saved stand-ins, unchanged since saved). */
    DeviceArray data() {
        if (saved != null) saved.check(this);
        else if (closed || data.isClosed()) {
            throw new TriadException(null, "tensor " + type() + " was used after close() (its Scope ended or close() was called); "
                    + "keep it with Scope.keep(t) to use it after the scope");
        }
        return data;
    }

    /** True once closed. */
    public boolean isClosed() { return closed || data.isClosed(); }

    /**
     * Releases this tensor's reference to its storage (and its gradient, which it owns). Views
     * hold their own references, so they stay valid. Idempotent.
     */
    @Override
    public void close() {
        if (closed || saved != null) return;
        closed = true;
        data.close();
        if (grad != null) {
            grad.close();
            grad = null;
        }
    }

    /**
     * Makes this tensor share {@code source}'s storage (and backend), like PyTorch's
     * {@code set_} or {@code param.data = source}: used to move parameters between backends or
     * to swap in loaded values while every reference to this tensor stays valid. Only for
     * tensors without history. Bumps the version counter. Returns this.
     */
    public Tensor set_(Tensor source) {
        if (!isLeaf()) throw new TriadException("set_", "set_ is only allowed on tensors without history; this one was computed by " + gradFn.name());
        if (view != null) throw new TriadException("set_", "set_ is not allowed on a view");
        DeviceArray src = source.data();
        DeviceArray old = data;
        data = src.view(src.offset(), src.shape(), src.strides());
        ops = EagerOps.of(data.backend());
        old.close();
        version.bump();
        return this;
    }

    /** Hands this tensor to the parent of its scope, like {@link Scope#keep}. Returns this. */
    public Tensor keep() {
        Scope s = owner;
        return s == null ? this : s.keep(this);
    }

    // ---- autograd ------------------------------------------------------------------------------

    /** True when gradients flow to or through this tensor. */
    public boolean requiresGrad() { return requiresGrad; }

    /**
     * Marks a leaf as needing its gradient (PyTorch's {@code requires_grad_}). Only floating
     * tensors can require gradients. Returns this.
     */
    public Tensor requiresGrad_(boolean flag) {
        if (gradFn != null && !(gradFn instanceof LeafNode)) {
            throw new TriadException("requires_grad_", "you can only change requiresGrad of leaf tensors; this one was computed by "
                    + gradFn.name() + ". Use detach() to get a leaf");
        }
        if (flag && !dtype().isFloating()) {
            throw new DTypeException("requires_grad_", "only tensors of a floating dtype can require gradients; this one is " + type());
        }
        requiresGrad = flag;
        return this;
    }

    /** Shorthand for {@code requiresGrad_(true)}. */
    public Tensor requiresGrad_() { return requiresGrad_(true); }

    /** The accumulated gradient of a leaf (or of a tensor that called {@link #retainGrad()}), or null. */
    public Tensor grad() { return grad; }

    /** Replaces the gradient (it becomes owned by this tensor; the old one is closed). */
    public void setGrad(Tensor g) {
        if (g != null && !g.shape().equals(shape())) {
            throw new TriadException("set_grad", "gradient " + g.type() + " does not match tensor " + type());
        }
        if (grad != null && grad != g) grad.close();
        grad = g == null ? null : Scope.escape(g);
    }

    /** Closes and forgets the gradient (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public void zeroGrad() { setGrad(null); }

    /** True for tensors not produced by a recorded op (user-made tensors and parameters). */
    public boolean isLeaf() { return gradFn == null || gradFn instanceof LeafNode; }

    /** The name of the op that produced this tensor, e.g. {@code MulBackward}, or null for leaves. */
    public String gradFn() { return isLeaf() ? null : gradFn.name(); }

    /** Keeps the gradient of this non-leaf in {@link #grad()} when backward runs. Returns this. */
    public Tensor retainGrad() {
        if (!requiresGrad) throw new TriadException("retain_grad", "can't retain the gradient of a tensor that does not require grad");
        if (!isLeaf()) gradEdge().addRetainer(this);
        return this;
    }

    /** The node this tensor's gradient flows to: its history, or its leaf accumulator. */
    Node gradEdge() {
        if (gradFn != null) {
            if (view != null && historyVersion != version.get()) InPlace.refreshViewHistory(this);
            return gradFn;
        }
        if (accumulator == null) accumulator = new LeafNode(this);
        return accumulator;
    }

    /** Records that {@code node} produced this tensor's current value. */
    void setHistory(Node node) {
        gradFn = node;
        requiresGrad = node != null;
        historyVersion = version.get();
    }

    /** Backward from this scalar: gradients accumulate into the leaves' {@link #grad()}. */
    public void backward() { Autograd.backward(this, null, false, false); }

    /** Backward with an explicit output gradient of this tensor's shape. */
    public void backward(Tensor gradient) { Autograd.backward(this, gradient, false, false); }

    /**
     * Backward keeping the graph for another pass ({@code retainGraph}) and/or recording the
     * backward computation itself so it can be differentiated again ({@code createGraph}).
     */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        Autograd.backward(this, gradient, retainGraph, createGraph);
    }

    /** A tensor sharing this storage and version counter, cut off from the tape. */
    public Tensor detach() {
        DeviceArray d = data();
        return new Tensor(ops, d.view(d.offset(), d.shape(), d.strides()), version, null, null);
    }

    // ---- elementwise math (NumPy promotion and broadcasting, weakly typed Java scalars) --------

    /** {@code this + other}. */ public Tensor add(Tensor other) { return ops.add(this, other); }
    /** {@code this + s}. */ public Tensor add(double s) { return ops.add(this, s); }
    /** {@code this + alpha * other}. */ public Tensor add(Tensor other, double alpha) { return ops.add(this, ops.mul(other, alpha)); }
    /** {@code this - other}. */ public Tensor sub(Tensor other) { return ops.sub(this, other); }
    /** {@code this - s}. */ public Tensor sub(double s) { return ops.sub(this, s); }
    /** {@code s - this}. */ public Tensor rsub(double s) { return ops.rsub(s, this); }
    /** {@code this * other}. */ public Tensor mul(Tensor other) { return ops.mul(this, other); }
    /** {@code this * s}. */ public Tensor mul(double s) { return ops.mul(this, s); }
    /** {@code this / other} (integers truncate). */ public Tensor div(Tensor other) { return ops.div(this, other); }
    /** {@code this / s}. */ public Tensor div(double s) { return ops.div(this, s); }
    /** {@code this ^ other}. */ public Tensor pow(Tensor other) { return ops.pow(this, other); }
    /** {@code this ^ s}. */ public Tensor pow(double s) { return ops.pow(this, s); }
    /** C-style remainder (sign of the dividend). */ public Tensor fmod(Tensor other) { return ops.rem(this, other); }
    /** Elementwise maximum. */ public Tensor maximum(Tensor other) { return ops.max(this, other); }
    /** Elementwise minimum. */ public Tensor minimum(Tensor other) { return ops.min(this, other); }
    /** Clamp into {@code [lo, hi]}. */ public Tensor clamp(double lo, double hi) { return ops.min(ops.max(this, lo), hi); }
    /** Clamp from below. */ public Tensor clampMin(double lo) { return ops.max(this, lo); }
    /** Clamp from above. */ public Tensor clampMax(double hi) { return ops.min(this, hi); }
    /** {@code -this}. */ public Tensor neg() { return ops.neg(this); }
    /** {@code |this|}. */ public Tensor abs() { return ops.abs(this); }
    /** Sign. */ public Tensor sign() { return ops.sign(this); }
    /** e^x. */ public Tensor exp() { return ops.exp(this); }
    /** ln x. */ public Tensor log() { return ops.log(this); }
    /** ln(1 + x). */ public Tensor log1p() { return ops.log1p(this); }
    /** e^x - 1. */ public Tensor expm1() { return ops.expm1(this); }
    /** Square root. */ public Tensor sqrt() { return ops.sqrt(this); }
    /** 1 / sqrt(x). */ public Tensor rsqrt() { return ops.rsqrt(this); }
    /** x * x. */ public Tensor square() { return ops.square(this); }
    /** 1 / x. */ public Tensor reciprocal() { return ops.reciprocal(this); }
    /** Sine. */ public Tensor sin() { return ops.sin(this); }
    /** Cosine. */ public Tensor cos() { return ops.cos(this); }
    /** tanh. */ public Tensor tanh() { return ops.tanh(this); }
    /** Logistic sigmoid. */ public Tensor sigmoid() { return ops.logistic(this); }
    /** Error function. */ public Tensor erf() { return ops.erf(this); }
    /** Round down. */ public Tensor floor() { return ops.floor(this); }
    /** Round up. */ public Tensor ceil() { return ops.ceil(this); }
    /** Round half to even. */ public Tensor round() { return ops.round(this); }
    /** max(x, 0). */ public Tensor relu() { return ops.relu(this); }
    /** GELU (exact erf form). */ public Tensor gelu() { return ops.gelu(this); }
    /** x * sigmoid(x). */ public Tensor silu() { return ops.silu(this); }
    /** Logical not (bool) / bitwise not (integers). */ public Tensor logicalNot() { return ops.not(this); }

    /** {@code this == other} (bool). */ public Tensor eq(Tensor other) { return ops.eq(this, other); }
    /** {@code this == s} (bool). */ public Tensor eq(double s) { return ops.eq(this, s); }
    /** {@code this != other} (bool). */ public Tensor ne(Tensor other) { return ops.ne(this, other); }
    /** {@code this < other} (bool). */ public Tensor lt(Tensor other) { return ops.lt(this, other); }
    /** {@code this < s} (bool). */ public Tensor lt(double s) { return ops.lt(this, s); }
    /** {@code this <= other} (bool). */ public Tensor le(Tensor other) { return ops.le(this, other); }
    /** {@code this > other} (bool). */ public Tensor gt(Tensor other) { return ops.gt(this, other); }
    /** {@code this > s} (bool). */ public Tensor gt(double s) { return ops.gt(this, s); }
    /** {@code this >= other} (bool). */ public Tensor ge(Tensor other) { return ops.ge(this, other); }
    /** {@code this >= s} (bool). */ public Tensor ge(double s) { return ops.ge(this, s); }
    /** Logical/bitwise and. */ public Tensor logicalAnd(Tensor other) { return ops.and(this, other); }
    /** Logical/bitwise or. */ public Tensor logicalOr(Tensor other) { return ops.or(this, other); }
    /** {@code where(mask, value, this)}: fills where {@code mask} is true. */
    public Tensor maskedFill(Tensor mask, double value) { return ops.where(mask, ops.scalarFor(this, value), this); }

    // ---- linear algebra ------------------------------------------------------------------------

    /** Matrix product with PyTorch's rules for 1-d operands and broadcasting batch dims. */
    public Tensor matmul(Tensor other) { return Args.matmul(ops, this, other); }
    /** 2-d matrix product. */ public Tensor mm(Tensor other) { return Args.mm(ops, this, other); }

    // ---- reductions ----------------------------------------------------------------------------

    /** Sum of all elements. */ public Tensor sum() { return ops.sum(this); }
    /** Sum over {@code dims} (dims removed). */ public Tensor sum(int... dims) { return ops.sum(this, Args.dims(dims, dim(), "sum"), false); }
    /** Sum over {@code dims}. */ public Tensor sum(int[] dims, boolean keepDim) { return ops.sum(this, Args.dims(dims, dim(), "sum"), keepDim); }
    /** Sum over one dim. */ public Tensor sum(int dim, boolean keepDim) { return sum(new int[] {dim}, keepDim); }
    /** Mean of all elements. */ public Tensor mean() { return ops.mean(this); }
    /** Mean over {@code dims} (dims removed). */ public Tensor mean(int... dims) { return ops.mean(this, Args.dims(dims, dim(), "mean"), false); }
    /** Mean over {@code dims}. */ public Tensor mean(int[] dims, boolean keepDim) { return ops.mean(this, Args.dims(dims, dim(), "mean"), keepDim); }
    /** Mean over one dim. */ public Tensor mean(int dim, boolean keepDim) { return mean(new int[] {dim}, keepDim); }
    /** Unbiased variance of all elements. */ public Tensor var() { return var(Args.all(dim()), 1, false); }
    /** Variance over {@code dims} with {@code correction} (1 unbiased, 0 population). */
    public Tensor var(int[] dims, int correction, boolean keepDim) { return ops.variance(this, Args.dims(dims, dim(), "var"), keepDim, correction); }
    /** Unbiased standard deviation of all elements. */ public Tensor std() { return ops.sqrt(var()); }
    /** Standard deviation over {@code dims} with {@code correction}. */
    public Tensor std(int[] dims, int correction, boolean keepDim) { return ops.sqrt(var(dims, correction, keepDim)); }
    /** Product of all elements. */ public Tensor prod() { return ops.prod(this, Args.all(dim()), false); }
    /** Maximum of all elements. */ public Tensor max() { return ops.reduceMax(this, Args.all(dim()), false); }
    /** Maximum values along {@code dim}. */ public Tensor max(int dim, boolean keepDim) { return ops.reduceMax(this, Args.dims(new int[] {dim}, dim(), "max"), keepDim); }
    /** Minimum of all elements. */ public Tensor min() { return ops.reduceMin(this, Args.all(dim()), false); }
    /** Minimum values along {@code dim}. */ public Tensor min(int dim, boolean keepDim) { return ops.reduceMin(this, Args.dims(new int[] {dim}, dim(), "min"), keepDim); }
    /** Maximum over {@code dims}. */ public Tensor amax(int[] dims, boolean keepDim) { return ops.reduceMax(this, Args.dims(dims, dim(), "amax"), keepDim); }
    /** Minimum over {@code dims}. */ public Tensor amin(int[] dims, boolean keepDim) { return ops.reduceMin(this, Args.dims(dims, dim(), "amin"), keepDim); }
    /** Index (i64) of the maximum of the flattened tensor. */ public Tensor argmax() { return ops.argmax(flatten(), 0, false); }
    /** Indices (i64) of the maxima along {@code dim}. */ public Tensor argmax(int dim) { return ops.argmax(this, Args.dim(dim, dim(), "argmax"), false); }
    /** Indices (i64) of the maxima along {@code dim}. */ public Tensor argmax(int dim, boolean keepDim) { return ops.argmax(this, Args.dim(dim, dim(), "argmax"), keepDim); }
    /** Indices (i64) of the minima along {@code dim}. */ public Tensor argmin(int dim) { return ops.argmin(this, Args.dim(dim, dim(), "argmin"), false); }
    /** log(sum(exp(x))) over {@code dims}, computed stably. */
    public Tensor logsumexp(int[] dims, boolean keepDim) { return ops.logsumexp(this, Args.dims(dims, dim(), "logsumexp"), keepDim); }
    /** Softmax along {@code dim}. */ public Tensor softmax(int dim) { return ops.softmax(this, Args.dim(dim, dim(), "softmax")); }
    /** Log-softmax along {@code dim}. */ public Tensor logSoftmax(int dim) { return ops.logSoftmax(this, Args.dim(dim, dim(), "log_softmax")); }

    // ---- shape and views (no copy where the layout allows) ----------------------------------------

    /** Reshape; {@code -1} infers one size. A view when the strides allow it, else a copy. */
    public Tensor reshape(long... shape) { return ops.apply(Prims.RESHAPE, Attrs.of(Keys.SHAPE, Args.reshape(shape(), shape)), List.of(this)); }
    /** Reshape that must be a view; throws when the layout needs a copy (use {@link #reshape}). */
    public Tensor view(long... shape) { return Args.view(this, Args.reshape(shape(), shape)); }
    /** Flattens to one dimension. */ public Tensor flatten() { return reshape(-1); }
    /** Flattens dims {@code startDim..endDim} into one. */ public Tensor flatten(int startDim, int endDim) { return reshape(Args.flatten(shape(), startDim, endDim)); }
    /** Inserts a size-1 dimension at {@code dim}. */ public Tensor unsqueeze(int dim) { return reshape(shape().insert(Args.dim(dim, dim() + 1, "unsqueeze"), 1).toArray()); }
    /** Removes every size-1 dimension. */ public Tensor squeeze() { return reshape(Args.squeezeAll(shape())); }
    /** Removes dimension {@code dim} if its size is 1. */ public Tensor squeeze(int dim) { return reshape(Args.squeeze(shape(), dim)); }
    /** Reorders dimensions: result dim i is input dim {@code dims[i]} (negative allowed). */
    public Tensor permute(int... dims) { return ops.apply(Prims.PERMUTE, Attrs.of(Keys.PERM, Args.perm(dims, dim())), List.of(this)); }
    /** Swaps two dimensions. */ public Tensor transpose(int d0, int d1) { return permute(Args.swap(dim(), d0, d1)); }
    /** Transpose of a matrix (0-d and 1-d unchanged). */ public Tensor t() { return dim() < 2 ? reshape(shape().toArray()) : transpose(0, 1); }
    /** Swaps the last two dimensions. */ public Tensor mT() { return transpose(-2, -1); }
    /** Moves dimension {@code source} to {@code destination}. */ public Tensor movedim(int source, int destination) { return permute(Args.moveDim(dim(), source, destination)); }
    /** Broadcasts to {@code shape} ({@code -1} keeps a size) as a stride-0 view. */
    public Tensor expand(long... shape) { return ops.apply(Prims.BROADCAST_TO, Attrs.of(Keys.SHAPE, Args.expand(shape(), shape)), List.of(this)); }
    /** Broadcasts to {@code other}'s shape. */ public Tensor expandAs(Tensor other) { return expand(other.shape().toArray()); }
    /** Reverses the order along {@code dims}. */ public Tensor flip(int... dims) { return ops.apply(Prims.FLIP, Attrs.of(Keys.AXES, Args.dims(dims, dim(), "flip")), List.of(this)); }
    /** Python-style slice {@code [start:end:step]} of one dim (negative indices count from the end, a negative step flips). */
    public Tensor slice(int dim, long start, long end, long step) { return TensorIndexing.slice(this, dim, start, end, step); }
    /** {@code length} elements of {@code dim} from {@code start}, as a view. */ public Tensor narrow(int dim, long start, long length) { return TensorIndexing.narrow(this, dim, start, length); }
    /** Element {@code index} of {@code dim}, removing the dim, as a view. */ public Tensor select(int dim, long index) { return TensorIndexing.select(this, dim, index); }
    /** The sub-tensor at leading indices {@code idx} (negative allowed), as a view. */ public Tensor get(long... idx) { return TensorIndexing.get(this, idx); }
    /** NumPy-style indexing, e.g. {@code x.index(":, 1:3, -1")} or {@code "..., None, ::-1"}; a view. */
    public Tensor index(String spec) { return TensorIndexing.index(this, Idx.parse(spec)); }
    /** NumPy-style indexing with {@link Idx} entries; a view. */ public Tensor index(Idx... idx) { return TensorIndexing.index(this, idx); }
    /** Advanced indexing {@code x[idx]}: integer indices of any shape (a gather), or a bool mask of the leading dims. */
    public Tensor index(Tensor idx) { return TensorIndexing.index(this, idx); }
    /** Elements at integer {@code indices} (1-d) along {@code dim}. */ public Tensor indexSelect(int dim, Tensor indices) { return TensorIndexing.indexSelect(this, dim, indices); }
    /** Take-along-dim ({@code torch.gather}). */ public Tensor gather(int dim, Tensor indices) { return ops.gather(this, indices, Args.dim(dim, dim(), "gather")); }
    /** Splits into pieces of {@code size} along {@code dim}, as views. */ public List<Tensor> split(long size, int dim) { return TensorIndexing.split(this, size, dim); }
    /** Splits into {@code n} nearly equal pieces along {@code dim}, as views. */ public List<Tensor> chunk(int n, int dim) { return TensorIndexing.chunk(this, n, dim); }

    /** This tensor if contiguous, else a contiguous copy. */
    public Tensor contiguous() { return isContiguous() ? this : clone(); }

    /** A copy with its own storage; gradients flow back to this tensor. */
    @Override
    public Tensor clone() { return ops.apply(Prims.CAST, Attrs.of(Keys.DTYPE, dtype()), List.of(this)); }

    /** Converted to {@code dtype} (this tensor when already of that type). */
    public Tensor to(DType dtype) { return ops.cast(this, dtype); }

    /** Copied to {@code backend} (this tensor when already there); gradients flow back. */
    public Tensor to(Backend backend) { return Transfer.to(this, backend); }

    /** Copied to the backend called {@code name}, e.g. {@code "cpu"}. */
    public Tensor to(String name) { return to(Triad.backend(name)); }

    // ---- in-place (bump the version counter; autograd checks it) --------------------------------

    /** {@code this += other}. */ public Tensor add_(Tensor other) { return InPlace.elementwise(this, "add_", Prims.ADD, other, b -> b); }
    /** {@code this += s}. */ public Tensor add_(double s) { return InPlace.elementwise(this, "add_", Prims.ADD, null, x -> x.ops.scalarFor(x, s)); }
    /** {@code this += alpha * other}: one pass ({@code scaled_add}) written into this tensor when nothing is recorded. */
    public Tensor add_(Tensor other, double alpha) {
        if (!dtype().isFloating() || !Double.isFinite(alpha)) return InPlace.elementwise(this, "add_", Prims.ADD, other, b -> b.ops.mul(b, alpha));
        return InPlace.pointwise(this, "add_", Prims.SCALED_ADD, Attrs.of(Keys.ALPHA, alpha), other, b -> b, (a, b) -> a.ops.add(a, a.ops.mul(b, alpha)));
    }
    /** {@code this -= other}. */ public Tensor sub_(Tensor other) { return InPlace.elementwise(this, "sub_", Prims.SUB, other, b -> b); }
    /** {@code this -= s}. */ public Tensor sub_(double s) { return InPlace.elementwise(this, "sub_", Prims.SUB, null, x -> x.ops.scalarFor(x, s)); }
    /** {@code this *= other}. */ public Tensor mul_(Tensor other) { return InPlace.elementwise(this, "mul_", Prims.MUL, other, b -> b); }
    /** {@code this *= s}. */ public Tensor mul_(double s) { return InPlace.elementwise(this, "mul_", Prims.MUL, null, x -> x.ops.scalarFor(x, s)); }
    /** {@code this /= other}. */ public Tensor div_(Tensor other) { return InPlace.elementwise(this, "div_", Prims.DIV, other, b -> b); }
    /** {@code this /= s}. */ public Tensor div_(double s) { return InPlace.elementwise(this, "div_", Prims.DIV, null, x -> x.ops.scalarFor(x, s)); }
    /** Clamps in place. */ public Tensor clamp_(double lo, double hi) { return InPlace.unary(this, "clamp_", x -> x.clamp(lo, hi)); }
    /** {@code max(this, 0)} in place. */ public Tensor relu_() { return InPlace.unary(this, "relu_", Tensor::relu); }
    /** Negates in place. */ public Tensor neg_() { return InPlace.unary(this, "neg_", Tensor::neg); }
    /** e^x in place. */ public Tensor exp_() { return InPlace.unary(this, "exp_", Tensor::exp); }
    /** Square root in place. */ public Tensor sqrt_() { return InPlace.unary(this, "sqrt_", Tensor::sqrt); }
    /** Copies {@code src} (broadcast, converted) into this tensor. */ public Tensor copy_(Tensor src) { return InPlace.copy(this, src); }
    /** Fills with zeros. */ public Tensor zero_() { return fill_(0.0); }
    /** Fills with {@code value}. */ public Tensor fill_(double value) { return InPlace.overwrite(this, "fill_", x -> x.ops.full(x.shape(), x.dtype(), value)); }
    /** Fills with uniform samples from {@code [lo, hi)}. */
    public Tensor uniform_(Generator g, double lo, double hi) { return InPlace.overwrite(this, "uniform_", x -> Tensors.rand(g, x.ops, x.dtype(), x.shape()).mul(hi - lo).add(lo)); }
    /** Fills with normal samples. */
    public Tensor normal_(Generator g, double mean, double std) { return InPlace.overwrite(this, "normal_", x -> Tensors.randn(g, x.ops, x.dtype(), x.shape()).mul(std).add(mean)); }

    // ---- printing ---------------------------------------------------------------------------------

    /** The values formatted like PyTorch, e.g. {@code tensor([[1.0000, 2.5000]])}. */
    @Override
    public String toString() { return TensorFormatter.format(this); }
}
