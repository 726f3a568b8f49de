package dev.triad.spi.prims;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Batched;
import dev.triad.spi.ops.Batching;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * N-d convolution (cross-correlation, as in every DL framework) with strides, low/high padding
 * (negative crops), input (lhs) dilation, kernel (rhs) dilation and feature groups. Layouts:
 * lhs {@code [N, C, s...]}, rhs {@code [O, C/groups, k...]}, result {@code [N, O, o...]}.
 *
 * <p>Both gradients are convolutions: the input gradient convolves the cotangent with the
 * flipped, channel-transposed kernel, with the roles of stride and input dilation swapped; the
 * kernel gradient convolves the input (batch and channels exchanged) with the cotangent as
 * kernel, with the roles of stride and kernel dilation swapped. Groups are handled per group
 * for the kernel gradient.
 */
final class ConvPrimitive extends Primitive {
    ConvPrimitive() {
        super("conv", 2, 2, Category.CONTRACTION, Derivative.DIFFERENTIABLE,
                List.of(Keys.STRIDES, Keys.PAD_LOW, Keys.PAD_HIGH, Keys.LHS_DILATION, Keys.RHS_DILATION, Keys.GROUPS));
    }

    /** The decoded attributes. */
    record Params(int[] strides, int[] lo, int[] hi, int[] lhsDil, int[] rhsDil, int groups) {
        static Params of(Attrs a) {
            return new Params(a.get(Keys.STRIDES), a.get(Keys.PAD_LOW), a.get(Keys.PAD_HIGH), a.get(Keys.LHS_DILATION),
                    a.get(Keys.RHS_DILATION), a.get(Keys.GROUPS));
        }
    }

    @Override
    protected TensorType shapeRule(List<TensorType> in, Attrs a) {
        TensorType lhs = in.get(0), rhs = in.get(1);
        if (lhs.dtype() != rhs.dtype()) throw new DTypeException(name(), "input " + lhs + " and kernel " + rhs + " have different dtypes; expected one dtype");
        DTypeSet.FLOAT.check(name(), "input", lhs.dtype());
        int d = lhs.rank() - 2;
        if (d < 1 || rhs.rank() != lhs.rank()) {
            throw new ShapeException(name(), "input " + lhs + " and kernel " + rhs + " must have the same rank >= 3"
                    + " (input [N, C, spatial...], kernel [O, C/groups, spatial...])");
        }
        Params p = Params.of(a);
        checkLength("strides", p.strides(), d, 1);
        checkLength("lhs_dilation", p.lhsDil(), d, 1);
        checkLength("rhs_dilation", p.rhsDil(), d, 1);
        checkLength("pad_low", p.lo(), d, Integer.MIN_VALUE);
        checkLength("pad_high", p.hi(), d, Integer.MIN_VALUE);
        int g = p.groups();
        long c = lhs.shape().dim(1), o = rhs.shape().dim(0);
        if (g < 1 || c % g != 0 || o % g != 0) {
            throw new AttributeException(name(), "groups=" + g + " must be >= 1 and divide both the input channels (" + c
                    + ") and the output channels (" + o + ")");
        }
        if (rhs.shape().dim(1) != c / g) {
            throw new ShapeException(name(), "kernel " + rhs + " has " + rhs.shape().dim(1) + " input channels but input " + lhs
                    + " has " + c + " channels in " + g + " group(s); expected kernel [O, " + (c / g) + ", k...]");
        }
        long[] out = new long[d + 2];
        out[0] = lhs.shape().dim(0);
        out[1] = o;
        for (int i = 0; i < d; i++) {
            long padded = Contraction.dilate(lhs.shape().dim(2 + i), p.lhsDil()[i]) + p.lo()[i] + p.hi()[i];
            long window = Contraction.dilate(rhs.shape().dim(2 + i), p.rhsDil()[i]);
            if (padded < window) {
                throw new ShapeException(name(), "spatial dimension " + i + ": the padded input has size " + padded + " but the (dilated) kernel has size "
                        + window + " (input " + lhs + ", kernel " + rhs + "); expected the kernel to fit");
            }
            out[2 + i] = (padded - window) / p.strides()[i] + 1;
        }
        return new TensorType(lhs.dtype(), Shape.of(out));
    }

    private void checkLength(String attr, int[] v, int d, int min) {
        if (v.length != d) throw new AttributeException(name(), attr + " " + Arrays.toString(v) + " must have one entry per spatial dimension (" + d + ")");
        for (int x : v) if (x < min) throw new AttributeException(name(), attr + " " + Arrays.toString(v) + " must be >= " + min);
    }

    @Override
    public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) { return vjp(o, in, out, g, a, null); }

    /** Skips the input gradient of a first layer (its images need none): a whole transposed convolution. */
    @Override
    public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a, boolean[] needsGrad) {
        T lhs = needs(needsGrad, 0) ? lhsGradient(o, in.get(0), in.get(1), g, Params.of(a)) : null;
        T rhs = needs(needsGrad, 1) ? rhsGradient(o, in.get(0), in.get(1), g, Params.of(a)) : null;
        return Arrays.asList(lhs, rhs);
    }

    /** The input gradient: a convolution of the cotangent with the flipped, channel-transposed kernel. */
    static <T> T lhsGradient(Ops<T> o, T lhs, T rhs, T g, Params p) {
        Shape ks = o.shape(rhs), ls = o.shape(lhs), gs = o.shape(g);
        int d = ks.rank() - 2, groups = p.groups();
        long outC = ks.dim(0), inPerGroup = ks.dim(1);
        // [O, C/G, k...] -> [G, O/G, C/G, k...] -> [G, C/G, O/G, k...] -> [C, O/G, k...]
        Shape grouped = ks.withDim(0, outC / groups).insert(0, groups);
        int[] perm = new int[d + 3];
        perm[0] = 0;
        perm[1] = 2;
        perm[2] = 1;
        for (int i = 0; i < d; i++) perm[3 + i] = 3 + i;
        T k = o.permute(o.reshape(rhs, grouped), perm);
        k = o.reshape(k, ks.withDim(0, inPerGroup * groups).withDim(1, outC / groups));
        int[] spatial = new int[d];
        for (int i = 0; i < d; i++) spatial[i] = 2 + i;
        k = o.flip(k, spatial);
        int[] lo = new int[d], hi = new int[d];
        for (int i = 0; i < d; i++) {
            long window = Contraction.dilate(ks.dim(2 + i), p.rhsDil()[i]);
            long inDil = Contraction.dilate(ls.dim(2 + i), p.lhsDil()[i]);
            long outDil = Contraction.dilate(gs.dim(2 + i), p.strides()[i]);
            lo[i] = Math.toIntExact(window - 1 - p.lo()[i]);
            hi[i] = Math.toIntExact(inDil + window - 1 - outDil - lo[i]);
        }
        return o.conv(g, k, p.lhsDil(), lo, hi, p.strides(), p.rhsDil(), groups);
    }

    /** The kernel gradient: the input (batch and channels exchanged) convolved with the cotangent as kernel. */
    static <T> T rhsGradient(Ops<T> o, T lhs, T rhs, T g, Params p) {
        int groups = p.groups();
        if (groups == 1) return rhsGradientOneGroup(o, lhs, rhs, g, p);
        Shape ls = o.shape(lhs), gs = o.shape(g);
        long cg = ls.dim(1) / groups, og = gs.dim(1) / groups;
        List<T> parts = new ArrayList<>(groups);
        for (int gi = 0; gi < groups; gi++) {
            T lhsPart = o.sliceAxis(lhs, 1, gi * cg, (gi + 1) * cg);
            T gPart = o.sliceAxis(g, 1, gi * og, (gi + 1) * og);
            parts.add(rhsGradientOneGroup(o, lhsPart, rhs, gPart, p));
        }
        return o.concat(0, parts);
    }

    private static <T> T rhsGradientOneGroup(Ops<T> o, T lhs, T rhs, T g, Params p) {
        Shape ks = o.shape(rhs), ls = o.shape(lhs), gs = o.shape(g);
        int d = ls.rank() - 2;
        int[] swap01 = new int[d + 2];
        swap01[0] = 1;
        swap01[1] = 0;
        for (int i = 0; i < d; i++) swap01[2 + i] = 2 + i;
        T x = o.permute(lhs, swap01);   // [C, N, s...]
        T kernel = o.permute(g, swap01); // [O, N, o...]
        int[] hi = new int[d];
        for (int i = 0; i < d; i++) {
            long window = Contraction.dilate(ks.dim(2 + i), p.rhsDil()[i]);
            long inDil = Contraction.dilate(ls.dim(2 + i), p.lhsDil()[i]);
            long outDil = Contraction.dilate(gs.dim(2 + i), p.strides()[i]);
            hi[i] = Math.toIntExact(window - 1 + outDil - inDil - p.lo()[i]);
        }
        T r = o.conv(x, kernel, p.rhsDil(), p.lo(), hi, p.lhsDil(), p.strides(), 1); // [C, O, k...]
        return o.permute(r, swap01);
    }

    @Override
    public <T> T jvp(Ops<T> o, List<T> in, T out, List<T> t, Attrs a) {
        T lhs = in.get(0), rhs = in.get(1);
        return o.add(o.apply(this, a, List.of(t.get(0), rhs)), o.apply(this, a, List.of(lhs, t.get(1))));
    }

    /**
     * A batched input folds into the N dimension (one convolution); a batched kernel runs one
     * convolution per batch element ({@link Batching#loop}).
     */
    @Override
    public <T> Batched<T> batch(Ops<T> o, List<T> in, int[] dims, Attrs a) {
        if (dims[1] != Batched.NOT_BATCHED) return Batching.loop(o, this, in, dims, a);
        T x = Batching.toFront(o, in.get(0), dims[0]);
        Shape s = o.shape(x);
        T folded = o.reshape(x, s.without(0).withDim(0, s.dim(0) * s.dim(1)));
        T r = o.apply(this, a, List.of(folded, in.get(1)));
        Shape rs = o.shape(r);
        return new Batched<>(o.reshape(r, rs.withDim(0, s.dim(1)).insert(0, s.dim(0))), 0);
    }

}
