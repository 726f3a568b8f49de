package dev.triad.conformance.reference;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Ops;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * The float64 reference interpreter: {@link Ops} over {@link RefArray} with a plain loop
 * kernel for every non-composite primitive, independent of any backend.
 *
 * <p>Every application first runs the primitive's shape rule ({@link Primitive#inferType}), so
 * invalid inputs raise exactly the typed errors a backend raises through
 * {@link dev.triad.spi.backend.Dispatch}. Results are rounded to the output dtype. Composites
 * run their own decomposition over this interpreter, so checking a backend's fused kernel
 * against the reference checks it against the decomposition.
 *
 * <p>Stateless and thread-safe; every application returns a new array (never an input), so
 * tapes may key values by identity.
 */
public final class ReferenceOps implements Ops<RefArray> {
    /** The shared instance. */
    public static final ReferenceOps INSTANCE = new ReferenceOps();

    private ReferenceOps() {}

    @Override
    public TensorType typeOf(RefArray value) { return value.type(); }

    @Override
    public RefArray apply(Primitive p, Attrs attrs, List<RefArray> inputs) {
        List<TensorType> types = new ArrayList<>(inputs.size());
        for (RefArray a : inputs) types.add(a.type());
        TensorType out = p.inferType(types, attrs);
        RefArray r = p.isComposite() ? decompose(p, attrs, inputs) : kernel(p, attrs, inputs, out);
        if (!r.type().equals(out)) {
            throw new IllegalStateException(p + ": the reference computed " + r.type() + " but the shape rule says " + out
                    + (p.isComposite() ? " (the decomposition disagrees with the composite's shape rule)" : ""));
        }
        return r;
    }

    private RefArray decompose(Primitive p, Attrs attrs, List<RefArray> inputs) {
        RefArray r = p.decompose(this, inputs, attrs);
        // A decomposition may hand back an input unchanged; keep the "always a new array" promise.
        for (RefArray in : inputs) if (in == r) return r.reshaped(r.shape());
        return r;
    }

    private static RefArray kernel(Primitive p, Attrs a, List<RefArray> in, TensorType out) {
        return switch (p.category()) {
            case UNARY -> RefElementwise.unary(p, in.get(0), out);
            case BINARY -> RefElementwise.binary(p, in.get(0), in.get(1), out);
            case SELECT -> RefElementwise.where(in.get(0), in.get(1), in.get(2), out);
            case CAST -> RefElementwise.cast(in.get(0), out);
            case REDUCTION -> {
                if (p == Prims.ARGMAX || p == Prims.ARGMIN) {
                    yield RefReductions.argExtremum(p == Prims.ARGMAX, in.get(0), a.get(Keys.AXIS), out);
                }
                yield RefReductions.reduce(p, in.get(0), a.get(Keys.AXES), out);
            }
            case MOVEMENT -> movement(p, a, in, out);
            case INDEXING -> p == Prims.GATHER
                    ? RefIndexing.gather(in.get(0), in.get(1), a.get(Keys.AXIS), out)
                    : RefIndexing.scatterAdd(in.get(0), in.get(1), in.get(2), a.get(Keys.AXIS), out);
            case CONTRACTION -> p == Prims.MATMUL
                    ? RefContraction.matmul(in.get(0), in.get(1), out)
                    : RefContraction.conv(in.get(0), in.get(1), a.get(Keys.STRIDES), a.get(Keys.PAD_LOW),
                    a.get(Keys.LHS_DILATION), a.get(Keys.RHS_DILATION), a.get(Keys.GROUPS), out);
            case WINDOW -> window(p, a, in, out);
            case CREATION -> p == Prims.FULL ? RefCreation.full(a.get(Keys.VALUE), out) : RefCreation.iota(a.get(Keys.AXIS), out);
            case RANDOM -> RefCreation.randomBits(in.get(0), out);
            case COMPOSITE -> throw new IllegalStateException("composites are decomposed");
            case CUSTOM -> throw new IllegalStateException("the reference has no kernel for custom op " + p + "; custom ops are tested against their own host kernel");
        };
    }

    private static RefArray movement(Primitive p, Attrs a, List<RefArray> in, TensorType out) {
        RefArray x = in.get(0);
        return switch (p.name()) {
            case "reshape" -> RefMovement.reshape(x, out);
            case "permute" -> RefMovement.permute(x, a.get(Keys.PERM), out);
            case "broadcast_to" -> RefMovement.broadcastTo(x, out);
            case "slice" -> RefMovement.slice(x, a.get(Keys.START), a.get(Keys.STEP), out);
            case "pad" -> RefMovement.pad(x, a.get(Keys.LOW), a.get(Keys.INTERIOR), a.get(Keys.VALUE), out);
            case "concat" -> RefMovement.concat(in, a.get(Keys.AXIS), out);
            case "flip" -> RefMovement.flip(x, a.get(Keys.AXES), out);
            default -> throw new IllegalStateException("reference has no kernel for movement op " + p);
        };
    }

    private static RefArray window(Primitive p, Attrs a, List<RefArray> in, TensorType out) {
        int[] w = a.get(Keys.WINDOW), s = a.get(Keys.STRIDES), lo = a.get(Keys.PAD_LOW);
        return switch (p.name()) {
            case "reduce_window_max" -> RefWindows.reduceWindow(true, in.get(0), w, s, lo, out);
            case "reduce_window_sum" -> RefWindows.reduceWindow(false, in.get(0), w, s, lo, out);
            case "select_and_scatter_add" -> RefWindows.selectAndScatterAdd(in.get(0), in.get(1), w, s, lo, out);
            case "select_and_gather" -> RefWindows.selectAndGather(in.get(0), in.get(1), w, s, lo, out);
            default -> throw new IllegalStateException("reference has no kernel for window op " + p);
        };
    }
}
