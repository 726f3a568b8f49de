package dev.triad.functional;

import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Promotion;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * Several outputs seen as one, for reverse mode (whose tape has one output): the floating
 * outputs are flattened, cast to their common type and concatenated into one vector, and a
 * cotangent for the outputs is packed the same way. A single floating output is used as is.
 * Integer and bool outputs carry no cotangent and are left out.
 */
final class Packing {
    private final List<TensorType> types;
    private final List<Integer> floating = new ArrayList<>();
    private final DType common;

    Packing(List<TensorType> outputTypes) {
        this.types = List.copyOf(outputTypes);
        DType c = null;
        for (int i = 0; i < types.size(); i++) {
            DType t = types.get(i).dtype();
            if (!t.isFloating()) continue;
            floating.add(i);
            c = c == null ? t : Promotion.promote(c, t);
        }
        this.common = c == null ? DType.F32 : c;
    }

    /** True when the outputs are exactly one floating value (nothing to pack). */
    private boolean single() { return types.size() == 1 && floating.size() == 1; }

    /** The packed output, computed with {@code ops} (the tape, so that packing is differentiated). */
    Array pack(Ops<Array> ops, List<Array> outputs) {
        if (single()) return outputs.get(0);
        if (floating.isEmpty()) return ops.scalar(0.0, common);
        List<Array> parts = new ArrayList<>(floating.size());
        for (int i : floating) {
            Array x = ops.cast(outputs.get(i), common);
            parts.add(ops.reshape(x, Shape.of(x.size())));
        }
        return ops.concat(0, parts);
    }

    /** The cotangent of the packed output given one cotangent per output (those of non-floating outputs are ignored). */
    Array packCotangent(List<Array> cotangents) {
        if (cotangents.size() != types.size()) {
            throw new ShapeException("vjp", "got " + cotangents.size() + " cotangent(s) for " + types.size() + " output(s)");
        }
        Ops<Array> ops = ArrayOps.OPS;
        for (int i : floating) check(i, cotangents.get(i));
        if (single()) return cotangents.get(0);
        if (floating.isEmpty()) return ops.scalar(0.0, common);
        List<Array> parts = new ArrayList<>(floating.size());
        for (int i : floating) {
            Array ct = ops.cast(cotangents.get(i), common);
            parts.add(ops.reshape(ct, Shape.of(ct.size())));
        }
        return ops.concat(0, parts);
    }

    private void check(int i, Array ct) {
        TensorType want = types.get(i);
        if (ct == null) throw new ShapeException("vjp", "cotangent " + i + " is missing; expected " + want);
        if (!ct.shape().equals(want.shape())) {
            throw new ShapeException("vjp", "cotangent " + i + " has type " + ct.type() + "; expected " + want + " (the output's type)");
        }
        if (ct.dtype() != want.dtype()) {
            throw new DTypeException("vjp", "cotangent " + i + " has type " + ct.type() + "; expected " + want + " (the output's type)");
        }
    }
}
