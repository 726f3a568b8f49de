package dev.triad.spi.prims;

import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.Arrays;
import java.util.List;

/** Loss functions, with direct derivative rules. */
final class Losses {
    private Losses() {}

    /**
     * cross_entropy {label_smoothing} (logits [N, C], labels i32/i64 [N]): the mean over N of
     * {@code (1 - ls) * nll + ls * mean over classes of -log_softmax}, PyTorch's definition of
     * label smoothing. The label's log-probability is picked with gather; a label outside
     * {@code [0, C)} raises {@link dev.triad.spi.error.IndexOutOfRangeException} when it runs.
     * N = 0 gives NaN (the mean of nothing).
     */
    static final Primitive CROSS_ENTROPY = new Composite("cross_entropy", 2, 2, List.of(Keys.LABEL_SMOOTHING)) {
        @Override public boolean isDifferentiableInput(int index) { return index == 0; }
        @Override void validate(List<TensorType> in, Attrs a) { checkLogitsAndLabels(this, in.get(0), in.get(1), a); }
        @Override public <T> T decompose(Ops<T> o, List<T> in, Attrs a) {
            T logits = in.get(0), labels = in.get(1);
            long n = o.shape(logits).dim(0);
            T logp = o.logSoftmax(logits, 1);
            T picked = o.reshape(o.gather(logp, o.reshape(labels, Shape.of(n, 1)), 1), Shape.of(n));
            T perRow = o.neg(picked);
            double ls = a.get(Keys.LABEL_SMOOTHING);
            if (ls != 0) {
                T uniform = o.neg(o.mean(logp, new int[] {1}, false));
                perRow = o.add(o.mul(perRow, 1.0 - ls), o.mul(uniform, ls));
            }
            return o.mean(perRow);
        }

        // A direct rule, cross_entropy_grad: differentiating the decomposition would rerun it
        // (log_softmax, gather, mean) and then walk back through each of its ops.
        @Override public <T> List<T> vjp(Ops<T> o, List<T> in, T out, T g, Attrs a) {
            return Arrays.asList(o.apply(CROSS_ENTROPY_GRAD, a, List.of(in.get(0), in.get(1), g)), null);
        }
    };

    /**
     * cross_entropy_grad {label_smoothing} (logits [N, C], labels i32/i64 [N], g []): the
     * gradient of cross_entropy with respect to the logits for an incoming gradient {@code g},
     * {@code (softmax(logits) - target) * g / N} with {@code target = (1 - ls) onehot + ls / C}.
     * A composite of its own so that a backend can compute it in one pass (the CPU backend
     * does); its own derivative comes from its decomposition.
     */
    static final Primitive CROSS_ENTROPY_GRAD = new Composite("cross_entropy_grad", 3, 3, List.of(Keys.LABEL_SMOOTHING)) {
        @Override public boolean isDifferentiableInput(int index) { return index != 1; }
        @Override void validate(List<TensorType> in, Attrs a) {
            checkLogitsAndLabels(this, in.get(0), in.get(1), a);
            TensorType logits = in.get(0), g = in.get(2);
            if (g.rank() != 0) throw new ShapeException(name(), "g has shape " + g.shape() + "; expected a scalar (the gradient of the mean loss)");
            checkSameDType("g", g, logits);
        }
        @Override public <T> T decompose(Ops<T> o, List<T> in, Attrs a) {
            T logits = in.get(0), labels = in.get(1), g = in.get(2);
            Shape s = o.shape(logits);
            long n = s.dim(0), c = s.dim(1);
            double ls = a.get(Keys.LABEL_SMOOTHING);
            DType t = o.dtype(logits);
            T hot = o.scatterAdd(o.zerosLike(logits), o.reshape(labels, Shape.of(n, 1)), o.full(Shape.of(n, 1), t, 1.0 - ls), 1);
            T d = o.sub(o.softmax(logits, 1), hot);
            if (ls != 0) d = o.sub(d, ls / c);
            return o.mul(d, o.div(g, (double) n));
        }
    };

    /** The checks cross_entropy and its gradient share, throwing exceptions that name {@code op}. */
    private static void checkLogitsAndLabels(Composite op, TensorType logits, TensorType labels, Attrs a) {
        String name = op.name();
        op.checkFloat("logits", logits);
        if (logits.rank() != 2) throw new ShapeException(name, "logits have shape " + logits.shape() + "; expected rank 2 ([N, C])");
        if (logits.shape().dim(1) == 0) throw new ShapeException(name, "logits " + logits + " have no classes; expected C >= 1");
        if (labels.dtype() != DType.I32 && labels.dtype() != DType.I64) {
            throw new DTypeException(name, "labels have dtype " + labels.dtype() + "; expected i32 or i64");
        }
        if (!labels.shape().equals(Shape.of(logits.shape().dim(0)))) {
            throw new ShapeException(name, "labels have shape " + labels.shape() + "; expected [" + logits.shape().dim(0)
                    + "] (N, the size of axis 0 of logits " + logits + ")");
        }
        double ls = a.get(Keys.LABEL_SMOOTHING);
        if (!(ls >= 0 && ls <= 1)) throw new AttributeException(name, "label_smoothing is " + ls + "; expected 0 <= label_smoothing <= 1");
    }
}
