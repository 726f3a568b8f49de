package dev.triad.eager;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.Broadcasting;
import dev.triad.spi.types.Promotion;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * In-place updates: the new value is computed out of place through the usual ops, then
 * written into the tensor's storage with {@link dev.triad.spi.backend.Backend#copyInto}, and the
 * shared version counter is bumped so autograd can tell saved values were overwritten.
 *
 * <p>When the update is recorded (grad mode on and something involved requires grad), the op
 * reads a recorded copy of the old value, so the tape keeps what the derivative needs, and the
 * tensor takes over the result's history. For a view, the base's history is rewritten as
 * "the base with this region replaced" ({@code where(mask, scattered update, base)}, built from
 * the view chain's own VJP rules), which is what PyTorch's CopySlices does.
 */
final class InPlace {
    private InPlace() {}

    /** {@code self = f(self)}. */
    static Tensor unary(Tensor self, String op, UnaryOperator<Tensor> f) {
        return update(self, op, null, (s, o) -> f.apply(s), true, true);
    }

    /** {@code self = f(self)} for updates that ignore the old value (fill, random fills). */
    static Tensor overwrite(Tensor self, String op, UnaryOperator<Tensor> f) {
        return update(self, op, null, (s, o) -> f.apply(s), false, true);
    }

    /** {@code self = f(self, other)}. */
    static Tensor binary(Tensor self, String op, Tensor other, BinaryOperator<Tensor> f) {
        return update(self, op, other, f, true, true);
    }

    /**
     * {@code self = p(self, operand(other))} for a binary elementwise primitive {@code p};
     * {@code other} is null for a scalar operand made from self.
     */
    static Tensor elementwise(Tensor self, String op, Primitive p, Tensor other, UnaryOperator<Tensor> operand) {
        return pointwise(self, op, p, Attrs.EMPTY, other, operand, (s, o) -> s.ops.binary(p, s, operand.apply(o == null ? s : o)));
    }

    /**
     * {@code self = general(self, other)}, which equals {@code p(self, operand(other))} with
     * {@code attrs} for a pointwise {@code p}. When nothing is recorded and the operand has self's
     * dtype, {@code p}'s result is written straight into self's storage (buffer donation, see
     * {@link Dispatch#executeInto}): an optimizer step then makes no result buffer and no copy.
     * Recorded updates, and operands of another dtype, run {@code general} as usual.
     */
    static Tensor pointwise(Tensor self, String op, Primitive p, Attrs attrs, Tensor other, UnaryOperator<Tensor> operand, BinaryOperator<Tensor> general) {
        self.data();
        boolean record = GradMode.isEnabled() && self.dtype().isFloating()
                && (self.requiresGrad || (self.view != null && self.view.base().requiresGrad) || (other != null && other.requiresGrad));
        if (record) return update(self, op, other, general, true, true);
        checkWritable(self, op);
        if (GradMode.isEnabled()) checkLeaf(self, op);
        Tensor b;
        try (var _ = GradMode.set(false)) {
            b = operand.apply(other == null ? self : other);
        }
        try {
            List<DeviceArray> ins = List.of(self.data(), b.data());
            if (b.dtype() == self.dtype() && b.backend() == self.backend()
                    && Broadcasting.broadcastsTo(b.shape(), self.shape()) && Dispatch.mayWriteInto(p, ins, self.data())) {
                Dispatch.executeInto(self.backend(), p, attrs, ins, self.data());
            } else {
                Tensor r;
                try (var _ = GradMode.set(false)) {
                    r = general.apply(self, other);
                }
                write(self, r, op, true);
                if (r != self && r != other) r.close();
            }
        } finally {
            if (b != other && b != self) b.close();
        }
        self.version.bump();
        return self;
    }

    /** {@code self = src}, broadcast and converted to self's dtype. */
    static Tensor copy(Tensor self, Tensor src) {
        return update(self, "copy_", src, (s, o) -> {
            Tensor c = o.backend() == s.backend() ? o : o.to(s.backend());
            return c.expand(s.shape().toArray());
        }, false, false);
    }

    private static Tensor update(Tensor self, String op, Tensor other, BinaryOperator<Tensor> f, boolean readsSelf, boolean strictType) {
        self.data();
        checkWritable(self, op);
        boolean gradMode = GradMode.isEnabled();
        boolean viewOfGrad = self.view != null && self.view.base().requiresGrad;
        boolean record = gradMode && self.dtype().isFloating()
                && (self.requiresGrad || viewOfGrad || (other != null && other.requiresGrad));
        if (gradMode) checkLeaf(self, op);
        if (!record) {
            Tensor r;
            try (var _ = GradMode.set(false)) {
                r = f.apply(self, other);
            }
            write(self, r, op, strictType);
            if (r != self && r != other) r.close();
            self.version.bump();
            return self;
        }
        Tensor src = readsSelf ? self.clone() : self;
        Tensor r = f.apply(src, other);
        checkResult(self, r, op, strictType);
        if (r.dtype() != self.dtype()) r = r.to(self.dtype());
        if (self.view == null) {
            self.backend().copyInto(r.data(), self.data());
            self.version.bump();
            self.setHistory(r.requiresGrad ? r.gradEdge() : null);
        } else {
            rebaseView(self, r);
        }
        return self;
    }

    /** Writes {@code r} into {@code self}'s storage after checking shape and dtype. */
    private static void write(Tensor self, Tensor r, String op, boolean strictType) {
        checkResult(self, r, op, strictType);
        self.backend().copyInto(r.data(), self.data());
    }

    private static void checkResult(Tensor self, Tensor r, String op, boolean strictType) {
        if (!r.shape().equals(self.shape())) {
            throw new ShapeException(op, "output with shape " + Args.show(self.shape()) + " doesn't match the broadcast shape "
                    + Args.show(r.shape()) + "; an in-place op cannot change the shape of the tensor it writes");
        }
        if (strictType && r.dtype() != self.dtype() && Promotion.promote(self.dtype(), r.dtype()) != self.dtype()) {
            throw new DTypeException(op, "result type " + r.dtype() + " can't be cast to the desired output type " + self.dtype()
                    + " of the tensor written in place; use the out-of-place op or convert with to(dtype) first");
        }
    }

    /** Rejects writes where several elements share one memory location (expanded views). */
    private static void checkWritable(Tensor self, String op) {
        for (int i = 0; i < self.dim(); i++) {
            if (self.data.stride(i) == 0 && self.shape().dim(i) > 1) {
                throw new TriadException(op, "unsupported operation: more than one element of the written-to tensor " + self.type()
                        + " refers to a single memory location (it is an expanded view). Please clone() the tensor before the in-place operation");
            }
        }
    }

    /** PyTorch's rule: a leaf that requires grad (or a view of one) may only be written under no-grad. */
    private static void checkLeaf(Tensor self, String op) {
        if (self.requiresGrad && self.isLeaf() && self.view == null) {
            throw new TriadException(op, "a leaf tensor " + self.type() + " that requires grad is being used in an in-place operation. "
                    + "Hint: update parameters inside try (var g = Autograd.noGrad()) { ... } as optimizers do, or clone() it first");
        }
        if (self.view != null && self.view.base().requiresGrad && self.view.base().isLeaf()) {
            throw new TriadException(op, "a view of a leaf tensor " + self.view.base().type() + " that requires grad is being used in an "
                    + "in-place operation. Hint: do it under Autograd.noGrad(), or clone() the leaf first");
        }
    }

    /**
     * Writes {@code r} into view {@code v} and rewrites the history of its base: the new base is
     * {@code where(mask, T(r), base)}, where {@code T} scatters a view-shaped value back into
     * base shape through the VJP rules of the view chain and {@code mask} marks the view's
     * elements. Values are exact (a select, not arithmetic); gradients flow to {@code r} inside
     * the region and to the old base outside it.
     */
    private static void rebaseView(Tensor v, Tensor r) {
        Tensor base = v.view.base();
        ViewInfo.Step[] chain = v.view.chain();
        List<Tensor> path = applyChain(base, chain);
        Tensor spread = scatterBack(path, chain, r);
        Tensor mask;
        try (var _ = GradMode.set(false)) {
            Tensor ones = r.ops.onesLike(r);
            mask = scatterBack(path, chain, ones).ne(base.ops.zerosLike(base));
        }
        Tensor newBase = base.ops.where(mask, spread, base);
        base.backend().copyInto(newBase.data(), base.data());
        base.version.bump();
        base.setHistory(newBase.requiresGrad ? newBase.gradEdge() : null);
        refreshViewHistory(v);
    }

    /** The views of {@code base} along {@code chain}: element 0 is the base, the last one the view. */
    private static List<Tensor> applyChain(Tensor base, ViewInfo.Step[] chain) {
        List<Tensor> path = new ArrayList<>(chain.length + 1);
        Tensor t = base;
        path.add(t);
        for (ViewInfo.Step s : chain) {
            t = t.ops.apply(s.primitive(), s.attrs(), List.of(t));
            path.add(t);
        }
        return path;
    }

    /** {@code value} (view-shaped) placed back into base shape with zeros elsewhere, via the chain's VJP rules. */
    private static Tensor scatterBack(List<Tensor> path, ViewInfo.Step[] chain, Tensor value) {
        Tensor g = value;
        for (int k = chain.length - 1; k >= 0; k--) {
            ViewInfo.Step s = chain[k];
            g = s.primitive().vjp(g.ops, List.of(path.get(k)), path.get(k + 1), g, s.attrs()).get(0);
        }
        return g;
    }

    /**
     * Re-derives a view's history from its base after the storage changed under it (an in-place
     * write through the base or another view), the way PyTorch regenerates a view's grad_fn.
     */
    static void refreshViewHistory(Tensor v) {
        Tensor base = v.view.base();
        if (!base.requiresGrad || base.isClosed()) {
            v.historyVersion = v.version.get();
            return;
        }
        try (var _ = GradMode.set(true)) {
            List<Tensor> path = applyChain(base, v.view.chain());
            Tensor last = path.get(path.size() - 1);
            v.setHistory(last.gradEdge());
        }
    }
}
