package dev.triad.graph;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Buffer;
import dev.triad.spi.backend.Device;
import dev.triad.spi.backend.DeviceAllocator;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.backend.Support;
import dev.triad.spi.error.IndexOutOfRangeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.random.Threefry;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Elements;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

/**
 * A plain-Java backend for the front-end's tests: every primitive, computed in doubles on the
 * heap (exact for the small integers tests use), with a real {@link DeviceAllocator} so tests
 * can check that nothing leaks. Composites run as their decompositions. Slow and simple on
 * purpose: it is a second, independent reading of the op semantics, not a product backend.
 */
public final class HeapBackend implements Backend {
    private final DeviceAllocator allocator = new DeviceAllocator("heap:0", Long.MAX_VALUE) {
        @Override protected Object allocateRaw(long bytes) { return MemorySegment.ofArray(new byte[Math.toIntExact(bytes)]); }
        @Override protected void freeRaw(Object handle, long bytes) { }
    };

    /** Primitives executed so far. */
    public long executed;

    @Override public String name() { return "heap"; }
    @Override public List<Device> devices() { return List.of(new Device("heap:0", "test heap", Map.of())); }
    @Override public DeviceAllocator allocator() { return allocator; }
    @Override public Support supports(Primitive p, DType dtype) { return Support.YES; }

    @Override
    public DeviceArray upload(HostArray host) {
        Buffer b = Buffer.allocate(allocator, host.type().byteSize());
        MemorySegment.copy(host.segment(), 0, (MemorySegment) b.handle(), 0, host.type().byteSize());
        return DeviceArray.contiguous(this, b, host.type());
    }

    @Override
    public HostArray download(DeviceArray a) { return write(HostArray.zeros(a.dtype(), a.shape()), read(a)); }

    @Override
    public void copyInto(DeviceArray src, DeviceArray dst) {
        double[] v = read(src);
        MemorySegment seg = (MemorySegment) dst.buffer().handle();
        long[] idx = new long[dst.shape().rank()];
        for (int i = 0; i < v.length; i++) {
            long off = dst.offset();
            for (int d = 0; d < idx.length; d++) off += idx[d] * dst.stride(d);
            Elements.setDouble(seg, off, dst.dtype(), v[i]);
            increment(idx, dst.shape());
        }
    }

    @Override public void synchronize() { }
    @Override public void close() { }

    @Override
    public DeviceArray execute(Primitive p, Attrs a, List<DeviceArray> in, TensorType type) {
        executed++;
        double[] out = compute(p, a, in, type);
        Buffer b = Buffer.allocate(allocator, type.byteSize());
        MemorySegment seg = (MemorySegment) b.handle();
        for (int i = 0; i < out.length; i++) Elements.setDouble(seg, i, type.dtype(), out[i]);
        return DeviceArray.contiguous(this, b, type);
    }

    private double[] compute(Primitive p, Attrs a, List<DeviceArray> in, TensorType type) {
        Shape s = type.shape();
        int n = Math.toIntExact(s.numel());
        DType t0 = in.isEmpty() ? type.dtype() : in.get(0).dtype();
        String name = p.name();
        if (p.category() == Primitive.Category.UNARY) {
            double[] x = read(in.get(0));
            double[] r = new double[n];
            for (int i = 0; i < n; i++) r[i] = unary(name, x[i], t0);
            return r;
        }
        if (p.category() == Primitive.Category.BINARY) {
            double[] x = broadcast(in.get(0), s), y = broadcast(in.get(1), s);
            double[] r = new double[n];
            for (int i = 0; i < n; i++) r[i] = binary(name, x[i], y[i], t0);
            return r;
        }
        return switch (name) {
            case "where" -> {
                double[] c = broadcast(in.get(0), s), x = broadcast(in.get(1), s), y = broadcast(in.get(2), s);
                double[] r = new double[n];
                for (int i = 0; i < n; i++) r[i] = c[i] != 0 ? x[i] : y[i];
                yield r;
            }
            case "cast" -> {
                double[] x = read(in.get(0));
                DType to = type.dtype();
                for (int i = 0; i < n; i++) x[i] = to == DType.BOOL ? (x[i] != 0 ? 1 : 0) : to.isFloating() ? x[i] : truncate(x[i]);
                yield x;
            }
            case "full" -> {
                double[] r = new double[n];
                java.util.Arrays.fill(r, a.get(Keys.VALUE));
                yield r;
            }
            case "iota" -> {
                double[] r = new double[n];
                long[] st = s.contiguousStrides();
                int axis = a.get(Keys.AXIS);
                for (int i = 0; i < n; i++) r[i] = (i / st[axis]) % s.dim(axis);
                yield r;
            }
            case "random_bits" -> {
                double[] key = read(in.get(0));
                int[] bits = Threefry.randomBits(new int[] {(int) key[0], (int) key[1]}, n);
                double[] r = new double[n];
                for (int i = 0; i < n; i++) r[i] = bits[i];
                yield r;
            }
            case "reduce_sum", "reduce_max", "reduce_min", "reduce_prod" -> reduce(name, in.get(0), a.get(Keys.AXES), s);
            case "argmax", "argmin" -> argReduce(name.equals("argmax"), in.get(0), a.get(Keys.AXIS), n);
            case "reshape" -> read(in.get(0));
            case "broadcast_to" -> broadcast(in.get(0), s);
            case "permute" -> permute(in.get(0), a.get(Keys.PERM), s);
            case "slice" -> slice(in.get(0), a.get(Keys.START), a.get(Keys.STEP), s);
            case "pad" -> pad(in.get(0), a.get(Keys.LOW), a.get(Keys.INTERIOR), a.get(Keys.VALUE), s);
            case "concat" -> concat(in, a.get(Keys.AXIS), s);
            case "flip" -> flip(in.get(0), a.get(Keys.AXES), s);
            case "gather" -> gather(in.get(0), in.get(1), a.get(Keys.AXIS));
            case "scatter_add" -> scatterAdd(in.get(0), in.get(1), in.get(2), a.get(Keys.AXIS));
            case "matmul" -> matmul(in.get(0), in.get(1), s);
            case "conv" -> conv(in.get(0), in.get(1), a, s);
            case "reduce_window_max", "reduce_window_sum" -> window(name.equals("reduce_window_max"), in.get(0), a, s);
            case "select_and_scatter_add" -> selectAndScatter(in.get(0), in.get(1), a);
            default -> throw new UnsupportedOperationException("heap backend: no kernel for " + name);
        };
    }

    private static double truncate(double v) { return v < 0 ? Math.ceil(v) : Math.floor(v); }

    private static double unary(String op, double x, DType t) {
        return switch (op) {
            case "neg" -> -x;
            case "abs" -> Math.abs(x);
            case "sign" -> Double.isNaN(x) ? x : Math.signum(x);
            case "exp" -> Math.exp(x);
            case "log" -> Math.log(x);
            case "log1p" -> Math.log1p(x);
            case "expm1" -> Math.expm1(x);
            case "sqrt" -> Math.sqrt(x);
            case "rsqrt" -> 1 / Math.sqrt(x);
            case "sin" -> Math.sin(x);
            case "cos" -> Math.cos(x);
            case "tanh" -> Math.tanh(x);
            case "logistic" -> 1 / (1 + Math.exp(-x));
            case "erf" -> erf(x);
            case "reciprocal" -> 1 / x;
            case "floor" -> Math.floor(x);
            case "ceil" -> Math.ceil(x);
            case "round" -> Math.rint(x);
            case "not" -> t == DType.BOOL ? (x == 0 ? 1 : 0) : ~(long) x;
            default -> throw new UnsupportedOperationException(op);
        };
    }

    private static double binary(String op, double x, double y, DType t) {
        boolean integral = !t.isFloating();
        return switch (op) {
            case "add" -> x + y;
            case "sub" -> x - y;
            case "mul" -> x * y;
            case "div" -> integral ? (y == 0 ? -1 : truncate(x / y)) : x / y;
            case "pow" -> Math.pow(x, y);
            case "max" -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.max(x, y);
            case "min" -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.min(x, y);
            case "rem" -> integral && y == 0 ? x : x % y;
            case "eq" -> x == y ? 1 : 0;
            case "ne" -> x != y ? 1 : 0;
            case "lt" -> x < y ? 1 : 0;
            case "le" -> x <= y ? 1 : 0;
            case "gt" -> x > y ? 1 : 0;
            case "ge" -> x >= y ? 1 : 0;
            case "and" -> (long) x & (long) y;
            case "or" -> (long) x | (long) y;
            default -> throw new UnsupportedOperationException(op);
        };
    }

    /** erf to about 1e-7 (Abramowitz and Stegun 7.1.26 refined by one Newton step on erfc's series is not needed here). */
    private static double erf(double x) {
        double t = 1 / (1 + 0.5 * Math.abs(x));
        double y = 1 - t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? y : -y;
    }

    // ---- reading and indexing -------------------------------------------------------------

    /** The logical elements of {@code a}, row-major. */
    static double[] read(DeviceArray a) {
        Shape s = a.shape();
        int n = Math.toIntExact(s.numel());
        MemorySegment seg = (MemorySegment) a.buffer().handle();
        double[] out = new double[n];
        long[] idx = new long[s.rank()];
        for (int i = 0; i < n; i++) {
            long off = a.offset();
            for (int d = 0; d < idx.length; d++) off += idx[d] * a.stride(d);
            out[i] = a.dtype().isFloating() || a.dtype() == DType.BOOL ? Elements.getDouble(seg, off, a.dtype()) : Elements.getLong(seg, off, a.dtype());
            increment(idx, s);
        }
        return out;
    }

    private static HostArray write(HostArray h, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (h.dtype().isFloating() || h.dtype() == DType.BOOL) Elements.setDouble(h.segment(), i, h.dtype(), v[i]);
            else Elements.setLong(h.segment(), i, h.dtype(), (long) v[i]);
        }
        return h;
    }

    private static void increment(long[] idx, Shape s) {
        for (int d = idx.length - 1; d >= 0; d--) {
            if (++idx[d] < s.dim(d)) return;
            idx[d] = 0;
        }
    }

    private static long[] unravel(long flat, Shape s) {
        long[] idx = new long[s.rank()];
        for (int d = s.rank() - 1; d >= 0; d--) {
            long dim = s.dim(d);
            idx[d] = dim == 0 ? 0 : flat % dim;
            flat = dim == 0 ? 0 : flat / dim;
        }
        return idx;
    }

    private static long ravel(long[] idx, Shape s) {
        long f = 0;
        for (int d = 0; d < idx.length; d++) f = f * s.dim(d) + idx[d];
        return f;
    }

    /** {@code a} broadcast (NumPy rules) to {@code target}, row-major. */
    static double[] broadcast(DeviceArray a, Shape target) {
        double[] x = read(a);
        Shape s = a.shape();
        int n = Math.toIntExact(target.numel()), lead = target.rank() - s.rank();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            long[] idx = unravel(i, target);
            long[] src = new long[s.rank()];
            for (int d = 0; d < s.rank(); d++) src[d] = s.dim(d) == 1 ? 0 : idx[d + lead];
            out[i] = x[(int) ravel(src, s)];
        }
        return out;
    }

    private static double[] reduce(String op, DeviceArray a, int[] axes, Shape outShape) {
        double[] x = read(a);
        Shape s = a.shape();
        boolean[] reduced = new boolean[s.rank()];
        for (int ax : axes) reduced[ax] = true;
        // The result in keep-dims form; its element count equals outShape's either way.
        long[] keep = new long[s.rank()];
        for (int d = 0; d < s.rank(); d++) keep[d] = reduced[d] ? 1 : s.dim(d);
        Shape ks = Shape.of(keep);
        int n = Math.toIntExact(ks.numel());
        double init = switch (op) {
            case "reduce_sum" -> 0;
            case "reduce_prod" -> 1;
            case "reduce_max" -> Double.NEGATIVE_INFINITY;
            default -> Double.POSITIVE_INFINITY;
        };
        double[] r = new double[n];
        java.util.Arrays.fill(r, init);
        for (int i = 0; i < x.length; i++) {
            long[] idx = unravel(i, s);
            for (int d = 0; d < idx.length; d++) if (reduced[d]) idx[d] = 0;
            int o = (int) ravel(idx, ks);
            double v = x[i];
            r[o] = switch (op) {
                case "reduce_sum" -> r[o] + v;
                case "reduce_prod" -> r[o] * v;
                case "reduce_max" -> Double.isNaN(v) || Double.isNaN(r[o]) ? Double.NaN : Math.max(r[o], v);
                default -> Double.isNaN(v) || Double.isNaN(r[o]) ? Double.NaN : Math.min(r[o], v);
            };
        }
        if (r.length != outShape.numel()) throw new IllegalStateException("reduce size mismatch");
        return r;
    }

    private static double[] argReduce(boolean max, DeviceArray a, int axis, int n) {
        double[] x = read(a);
        Shape s = a.shape();
        long len = s.dim(axis);
        long inner = 1;
        for (int d = axis + 1; d < s.rank(); d++) inner *= s.dim(d);
        double[] r = new double[n];
        for (int o = 0; o < n; o++) {
            long outer = o / inner, in = o % inner;
            long best = 0;
            double bv = Double.NaN;
            for (long k = 0; k < len; k++) {
                double v = x[(int) ((outer * len + k) * inner + in)];
                if (k == 0 || (!Double.isNaN(bv) && (Double.isNaN(v) || (max ? v > bv : v < bv)))) {
                    best = k;
                    bv = v;
                }
            }
            r[o] = best;
        }
        return r;
    }

    private static double[] permute(DeviceArray a, int[] perm, Shape out) {
        double[] x = read(a);
        Shape s = a.shape();
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            long[] idx = unravel(i, out);
            long[] src = new long[s.rank()];
            for (int d = 0; d < perm.length; d++) src[perm[d]] = idx[d];
            r[i] = x[(int) ravel(src, s)];
        }
        return r;
    }

    private static double[] slice(DeviceArray a, long[] start, long[] step, Shape out) {
        double[] x = read(a);
        double[] r = new double[Math.toIntExact(out.numel())];
        for (int i = 0; i < r.length; i++) {
            long[] idx = unravel(i, out);
            for (int d = 0; d < idx.length; d++) idx[d] = start[d] + idx[d] * step[d];
            r[i] = x[(int) ravel(idx, a.shape())];
        }
        return r;
    }

    private static double[] pad(DeviceArray a, long[] low, long[] interior, double value, Shape out) {
        double[] x = read(a);
        double[] r = new double[Math.toIntExact(out.numel())];
        java.util.Arrays.fill(r, value);
        Shape s = a.shape();
        for (int i = 0; i < x.length; i++) {
            long[] idx = unravel(i, s);
            boolean inside = true;
            for (int d = 0; d < idx.length; d++) {
                idx[d] = low[d] + idx[d] * (interior[d] + 1);
                inside &= idx[d] >= 0 && idx[d] < out.dim(d);
            }
            if (inside) r[(int) ravel(idx, out)] = x[i];
        }
        return r;
    }

    private static double[] concat(List<DeviceArray> in, int axis, Shape out) {
        double[] r = new double[Math.toIntExact(out.numel())];
        long offset = 0;
        for (DeviceArray a : in) {
            double[] x = read(a);
            for (int i = 0; i < x.length; i++) {
                long[] idx = unravel(i, a.shape());
                idx[axis] += offset;
                r[(int) ravel(idx, out)] = x[i];
            }
            offset += a.shape().dim(axis);
        }
        return r;
    }

    private static double[] flip(DeviceArray a, int[] axes, Shape s) {
        double[] x = read(a);
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            long[] idx = unravel(i, s);
            for (int ax : axes) idx[ax] = s.dim(ax) - 1 - idx[ax];
            r[(int) ravel(idx, s)] = x[i];
        }
        return r;
    }

    private static double[] gather(DeviceArray operand, DeviceArray indices, int axis) {
        double[] x = read(operand), ix = read(indices);
        double[] r = new double[ix.length];
        for (int i = 0; i < ix.length; i++) {
            long[] idx = unravel(i, indices.shape());
            long k = (long) ix[i];
            if (k < 0 || k >= operand.shape().dim(axis)) throw new IndexOutOfRangeException("gather", "index " + k + " out of range");
            idx[axis] = k;
            r[i] = x[(int) ravel(idx, operand.shape())];
        }
        return r;
    }

    private static double[] scatterAdd(DeviceArray operand, DeviceArray indices, DeviceArray updates, int axis) {
        double[] r = read(operand), ix = read(indices), u = read(updates);
        for (int i = 0; i < ix.length; i++) {
            long[] idx = unravel(i, indices.shape());
            long k = (long) ix[i];
            if (k < 0 || k >= operand.shape().dim(axis)) throw new IndexOutOfRangeException("scatter_add", "index " + k + " out of range");
            idx[axis] = k;
            r[(int) ravel(idx, operand.shape())] += u[i];
        }
        return r;
    }

    private static double[] matmul(DeviceArray a, DeviceArray b, Shape out) {
        int r = out.rank();
        long m = out.dim(r - 2), n = out.dim(r - 1), k = a.shape().dim(a.shape().rank() - 1);
        long[] batchDims = java.util.Arrays.copyOf(out.toArray(), r - 2);
        Shape aFull = Shape.of(concat(batchDims, m, k)), bFull = Shape.of(concat(batchDims, k, n));
        double[] x = broadcast(a, aFull), y = broadcast(b, bFull);
        long batches = Shape.of(batchDims).numel();
        double[] res = new double[Math.toIntExact(out.numel())];
        for (long t = 0; t < batches; t++) {
            for (long i = 0; i < m; i++) {
                for (long j = 0; j < n; j++) {
                    double s = 0;
                    for (long q = 0; q < k; q++) s += x[(int) (t * m * k + i * k + q)] * y[(int) (t * k * n + q * n + j)];
                    res[(int) (t * m * n + i * n + j)] = s;
                }
            }
        }
        return res;
    }

    private static long[] concat(long[] head, long a, long b) {
        long[] out = java.util.Arrays.copyOf(head, head.length + 2);
        out[head.length] = a;
        out[head.length + 1] = b;
        return out;
    }

    private static double[] conv(DeviceArray lhs, DeviceArray rhs, Attrs a, Shape out) {
        int[] strides = a.get(Keys.STRIDES), padLow = a.get(Keys.PAD_LOW), lhsDil = a.get(Keys.LHS_DILATION), rhsDil = a.get(Keys.RHS_DILATION);
        int groups = a.get(Keys.GROUPS);
        double[] x = read(lhs), w = read(rhs);
        Shape ls = lhs.shape(), rs = rhs.shape();
        int sp = ls.rank() - 2;
        long cg = rs.dim(1), ocPerGroup = rs.dim(0) / groups;
        Shape kernel = Shape.of(java.util.Arrays.copyOfRange(rs.toArray(), 2, rs.rank()));
        double[] r = new double[Math.toIntExact(out.numel())];
        for (int f = 0; f < r.length; f++) {
            long[] idx = unravel(f, out);
            long b = idx[0], o = idx[1], g = o / ocPerGroup;
            double s = 0;
            for (long c = 0; c < cg; c++) {
                for (long kf = 0; kf < kernel.numel(); kf++) {
                    long[] k = unravel(kf, kernel);
                    long[] src = new long[ls.rank()];
                    src[0] = b;
                    src[1] = g * cg + c;
                    boolean inside = true;
                    for (int d = 0; d < sp && inside; d++) {
                        long p = idx[2 + d] * strides[d] + k[d] * rhsDil[d] - padLow[d];
                        if (p < 0 || p % lhsDil[d] != 0 || p / lhsDil[d] >= ls.dim(2 + d)) inside = false;
                        else src[2 + d] = p / lhsDil[d];
                    }
                    if (!inside) continue;
                    long[] widx = new long[rs.rank()];
                    widx[0] = o;
                    widx[1] = c;
                    System.arraycopy(k, 0, widx, 2, sp);
                    s += x[(int) ravel(src, ls)] * w[(int) ravel(widx, rs)];
                }
            }
            r[f] = s;
        }
        return r;
    }

    /** For each output position of a window op: the flat operand index of each window element, or -1 in the padding. */
    private static long[][] windows(Shape operand, Attrs a, Shape out) {
        int[] window = a.get(Keys.WINDOW), strides = a.get(Keys.STRIDES), padLow = a.get(Keys.PAD_LOW);
        Shape ws = Shape.ofInts(window);
        long[][] res = new long[Math.toIntExact(out.numel())][Math.toIntExact(ws.numel())];
        for (int f = 0; f < res.length; f++) {
            long[] o = unravel(f, out);
            for (int e = 0; e < res[f].length; e++) {
                long[] k = unravel(e, ws);
                long[] src = new long[o.length];
                boolean inside = true;
                for (int d = 0; d < o.length; d++) {
                    src[d] = o[d] * strides[d] + k[d] - padLow[d];
                    inside &= src[d] >= 0 && src[d] < operand.dim(d);
                }
                res[f][e] = inside ? ravel(src, operand) : -1;
            }
        }
        return res;
    }

    private static double[] window(boolean max, DeviceArray operand, Attrs a, Shape out) {
        double[] x = read(operand);
        long[][] w = windows(operand.shape(), a, out);
        double[] r = new double[w.length];
        for (int f = 0; f < w.length; f++) {
            double acc = max ? Double.NEGATIVE_INFINITY : 0;
            for (long i : w[f]) {
                double v = i < 0 ? (max ? Double.NEGATIVE_INFINITY : 0) : x[(int) i];
                acc = max ? (Double.isNaN(v) || Double.isNaN(acc) ? Double.NaN : Math.max(acc, v)) : acc + v;
            }
            r[f] = acc;
        }
        return r;
    }

    private static double[] selectAndScatter(DeviceArray source, DeviceArray operand, Attrs a) {
        double[] src = read(source), x = read(operand);
        long[][] w = windows(operand.shape(), a, source.shape());
        double[] r = new double[x.length];
        for (int f = 0; f < w.length; f++) {
            long best = -1;
            double bv = Double.NEGATIVE_INFINITY;
            for (long i : w[f]) {
                if (i < 0) continue;
                if (best < 0 || x[(int) i] > bv) {
                    best = i;
                    bv = x[(int) i];
                }
            }
            if (best >= 0) r[(int) best] += src[f];
        }
        return r;
    }
}
