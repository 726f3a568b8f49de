package dev.triad.eager;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;

/**
 * How a view was made: its base (a tensor that is not itself a view) and the movement ops
 * that lead from the base to the view. In-place updates of a view use the chain to rewrite the
 * base's history, the way PyTorch's CopySlices does, so gradients stay right.
 *
 * @param base the tensor that owns the storage's history
 * @param chain the view ops, base first
 */
record ViewInfo(Tensor base, Step[] chain) {
    /** One view op. */
    record Step(Primitive primitive, Attrs attrs) {}

    /** The view info of the result of {@code p} applied to {@code source}. */
    static ViewInfo extend(Tensor source, Primitive p, Attrs attrs) {
        Step step = new Step(p, attrs);
        if (source.view == null) return new ViewInfo(source, new Step[] {step});
        Step[] old = source.view.chain;
        Step[] chain = java.util.Arrays.copyOf(old, old.length + 1);
        chain[old.length] = step;
        return new ViewInfo(source.view.base, chain);
    }
}
