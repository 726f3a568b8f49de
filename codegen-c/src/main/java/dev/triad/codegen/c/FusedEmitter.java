package dev.triad.codegen.c;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.List;

/**
 * One kernel for a chain (in-tree) of elementwise ops, as grouped by
 * {@link dev.triad.spi.graph.passes.FusionGrouping}: each input is loaded once per element,
 * every op is computed in registers with the same expressions the one-op kernels use
 * ({@link Scalars}, {@link CTypes}), and only the last value is stored. After every op the
 * value is rounded to its dtype ({@link CTypes#roundTo}), so a fused chain gives the bits the
 * ops give one at a time.
 */
public final class FusedEmitter {
    private FusedEmitter() {}

    /**
     * One op of the chain.
     *
     * @param op an elementwise primitive (unary, binary, where, cast)
     * @param attrs its attributes (the dtype of a cast)
     * @param args the values it reads: {@code 0 .. inputs-1} are the kernel's inputs, then
     *             value {@code inputs + i} is step {@code i}'s result
     * @param result its result dtype
     */
    public record Step(Primitive op, Attrs attrs, int[] args, DType result) {
        /** Copies the arguments. */
        public Step {
            args = args.clone();
        }

        @Override
        public int[] args() { return args.clone(); }
    }

    /** The most inputs one fused kernel reads (its index struct holds the output and these). */
    public static int maxInputs() { return ElementwiseMeta.ARITIES[ElementwiseMeta.ARITIES.length - 1] - 1; }

    /** The kernel {@code name} computing {@code steps} over inputs of {@code inputs}; the last step is stored. */
    public static String kernel(String name, List<DType> inputs, List<Step> steps) {
        if (steps.isEmpty()) throw new IllegalArgumentException("a fused kernel needs at least one op");
        int nin = inputs.size();
        if (nin > maxInputs()) throw new IllegalArgumentException(nin + " inputs exceed the " + maxInputs() + " a fused kernel reads");
        int k = ElementwiseMeta.arityFor(nin + 1);
        List<DType> types = new ArrayList<>(inputs);
        for (Step s : steps) types.add(s.result());
        DType out = steps.get(steps.size() - 1).result();
        StringBuilder sig = new StringBuilder("TRI_KERNEL void ").append(name).append("(TRI_GLOBAL ").append(CTypes.storage(out)).append("* y");
        for (int j = 0; j < nin; j++) sig.append(", TRI_GLOBAL const ").append(CTypes.storage(inputs.get(j))).append("* x").append(j);
        sig.append(", tri_ew").append(k).append(" m) {\n");
        List<String> pointers = new ArrayList<>();
        pointers.add("y");
        for (int j = 0; j < nin; j++) pointers.add("x" + j);
        for (int i = 0; i < steps.size(); i++) {
            for (int a : steps.get(i).args()) {
                if (a < 0 || a >= nin + i) throw new IllegalArgumentException("step " + i + " reads value " + a + ", which is not defined before it");
            }
        }
        return sig + ElementwiseMeta.body(nin + 1, pointers, e -> {
            StringBuilder body = new StringBuilder();
            for (int j = 0; j < nin; j++) {
                body.append("const ").append(CTypes.compute(inputs.get(j))).append(" v").append(j).append(" = ")
                        .append(CTypes.load(inputs.get(j), e[j + 1])).append(";\n");
            }
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                body.append("const ").append(CTypes.compute(s.result())).append(" v").append(nin + i).append(" = ")
                        .append(expression(s, types)).append(";\n");
            }
            body.append(e[0]).append(" = ").append(CTypes.store(out, out, "v" + (nin + steps.size() - 1))).append(";\n");
            return body.toString();
        }) + "}\n";
    }

    private static String expression(Step s, List<DType> types) {
        int[] a = s.args();
        DType in = types.get(a[0]);
        return switch (s.op().category()) {
            case UNARY -> CTypes.roundTo(s.result(), Scalars.unary(s.op(), in, "v" + a[0]));
            case BINARY -> CTypes.roundTo(s.result(), Scalars.binary(s.op(), in, "v" + a[0], "v" + a[1]));
            case CAST -> CTypes.convert(in, s.attrs().get(Keys.DTYPE), "v" + a[0]);
            case SELECT -> "(v" + a[0] + " != 0 ? v" + a[1] + " : v" + a[2] + ")";
            default -> throw new IllegalArgumentException(s.op() + " is not elementwise; it cannot be fused");
        };
    }
}
