package dev.triad.functional;

import dev.triad.functional.tree.Flat;
import dev.triad.functional.tree.Tree;
import dev.triad.functional.tree.TreeDef;
import dev.triad.spi.autodiff.Autodiff;
import dev.triad.spi.autodiff.VjpResult;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a function under a {@link TapeTrace} with the spi's {@link Autodiff#vjp}, which records
 * it and returns a pullback built from the primitives' VJP rules. Outputs may be any pytree;
 * they are packed into the tape's one output ({@link Packing}).
 */
final class Reverse {
    private Reverse() {}

    /** A recorded function: its outputs (of the level below) and the way back to its inputs. */
    static final class Recording {
        private final TreeDef outDef;
        private final List<Array> outLeaves;
        private final Object aux;
        private final Packing packing;
        private final VjpResult<Array> vjp;

        private Recording(TreeDef outDef, List<Array> outLeaves, Object aux, Packing packing, VjpResult<Array> vjp) {
            this.outDef = outDef;
            this.outLeaves = outLeaves;
            this.aux = aux;
            this.packing = packing;
            this.vjp = vjp;
        }

        /** The function's output pytree. */
        Object output() { return outDef.unflatten(outLeaves); }

        /** The output's leaves. */
        List<Array> outputLeaves() { return outLeaves; }

        /** The auxiliary output (with {@code hasAux}), or null. */
        Object aux() { return aux; }

        /**
         * The cotangent of each primal given {@code cotangent}, a pytree of the output's
         * structure: null for non-floating primals.
         */
        List<Array> pullback(Object cotangent) {
            Flat ct = Tree.treeFlatten(cotangent);
            if (!ct.def().equals(outDef)) {
                throw new TriadException("vjp", "the cotangent has structure " + ct.def() + "; expected the output's " + outDef);
            }
            return vjp.pullback().apply(packing.packCotangent(ct.leaves()));
        }
    }

    /**
     * Records {@code f} applied to tracers of {@code primals}.
     *
     * @param f receives one tracer per primal (non-floating primals are passed unchanged)
     * @param hasAux when true, {@code f} returns a list {@code [output, aux]} and aux is not differentiated
     */
    static Recording record(Function<List<Array>, Object> f, List<Array> primals, boolean hasAux) {
        Object[] out = new Object[4];
        VjpResult<Array> vjp = Autodiff.vjp(ArrayOps.OPS, (tape, xs) -> {
            try (var entry = TraceStack.push(level -> new TapeTrace(level, tape))) {
                TapeTrace t = entry.trace();
                List<Array> tracers = new ArrayList<>(xs.size());
                for (Array x : xs) tracers.add(x.dtype().isFloating() ? t.tracer(x) : x);
                Object result = f.apply(tracers);
                Object value = result, aux = null;
                if (hasAux) {
                    if (!(result instanceof List<?> pair) || pair.size() != 2) {
                        throw new TriadException("grad", "with hasAux the function must return a list [output, aux]; got "
                                + (result == null ? "null" : result.getClass().getSimpleName()));
                    }
                    value = pair.get(0);
                    aux = Tree.treeMap(t::lower, pair.get(1));
                }
                Flat flat = Tree.treeFlatten(value);
                List<Array> lowered = new ArrayList<>(flat.leaves().size());
                List<TensorType> types = new ArrayList<>(flat.leaves().size());
                for (Array y : flat.leaves()) {
                    Array l = t.lower(y);
                    lowered.add(l);
                    types.add(l.type());
                }
                Packing packing = new Packing(types);
                out[0] = flat.def();
                out[1] = lowered;
                out[2] = aux;
                out[3] = packing;
                return packing.pack(tape, lowered);
            }
        }, primals);
        @SuppressWarnings("unchecked")
        List<Array> leaves = (List<Array>) out[1];
        return new Recording((TreeDef) out[0], leaves, out[2], (Packing) out[3], vjp);
    }
}
