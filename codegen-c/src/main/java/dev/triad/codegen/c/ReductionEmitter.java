package dev.triad.codegen.c;

import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;

/**
 * Reductions over axes (sum, prod, max, min) and argmax/argmin, each in two shapes: a
 * work-group per output that strides over the reduced elements and combines partial results
 * in local memory (for few, long reductions), and a thread per output (for many short ones).
 * Both accumulate in the compute type and round once; argmax/argmin return the first extremum,
 * a NaN counting as the extremum, with ties between threads broken by the lower index.
 */
public final class ReductionEmitter {
    private ReductionEmitter() {}

    /** The axis reduction {@code p} for inputs of {@code t}. */
    public static String reduce(Primitive p, DType t, boolean serial, EmitOptions opt) {
        String st = CTypes.storage(t), ct = CTypes.compute(t);
        String load = CTypes.load(t, "x[base + tri_red_offset(m, j)]");
        String head = "TRI_KERNEL void " + KernelNames.reduce(p, t, serial) + "(TRI_GLOBAL " + st + "* y, TRI_GLOBAL const " + st + "* x, tri_red m) {\n";
        String store = CTypes.store(t, t, serial ? "acc" : "part[0]");
        if (serial) {
            return head
                    + "    for (tri_i64 o = TRI_GID0; o < m.nout; o += TRI_GSIZE0) {\n"
                    + ElementwiseEmitter.indent(ReductionMeta.keptOffset("m", "o"), 8)
                    + "        " + ct + " acc = " + Scalars.identity(p, t) + ";\n"
                    + "        for (tri_i64 j = 0; j < m.nred; j++) { " + ct + " v = " + load + "; acc = " + Scalars.combine(p, t, "acc", "v") + "; }\n"
                    + "        y[o] = " + store + ";\n"
                    + "    }\n}\n";
        }
        int ls = opt.reduceLocal();
        return head
                + "    TRI_LOCAL " + ct + " part[" + ls + "];\n"
                + "    const int lid = TRI_LID(0);\n"
                + "    for (tri_i64 o = TRI_GROUP(0); o < m.nout; o += TRI_NGROUPS(0)) {\n"
                + ElementwiseEmitter.indent(ReductionMeta.keptOffset("m", "o"), 8)
                + "        " + ct + " acc = " + Scalars.identity(p, t) + ";\n"
                + "        for (tri_i64 j = lid; j < m.nred; j += " + ls + ") { " + ct + " v = " + load + "; acc = " + Scalars.combine(p, t, "acc", "v") + "; }\n"
                + "        part[lid] = acc;\n"
                + "        TRI_BARRIER();\n"
                + "        for (int s = " + ls / 2 + "; s > 0; s >>= 1) {\n"
                + "            if (lid < s) part[lid] = " + Scalars.combine(p, t, "part[lid]", "part[lid + s]") + ";\n"
                + "            TRI_BARRIER();\n"
                + "        }\n"
                + "        if (lid == 0) y[o] = " + store + ";\n"
                + "        TRI_BARRIER();\n"
                + "    }\n}\n";
    }

    /** Name of the helper deciding whether a candidate beats the best so far, per compute type. */
    private static String betterFn(boolean max, DType t) {
        return "tri_better_" + (max ? "max_" : "min_") + CTypes.computeDType(t).shortName();
    }

    /** The helpers argmax/argmin of {@code t}'s compute type use; emitted once per program. */
    public static String argHelpers(DType t) {
        String ct = CTypes.compute(t);
        StringBuilder b = new StringBuilder();
        for (boolean max : new boolean[] {true, false}) {
            String cmp = max ? ">" : "<";
            b.append("/* (v, i) beats (bv, bi): i < 0 means none; a NaN is the extremum; ties go to the lower index */\n");
            b.append("TRI_FN int ").append(betterFn(max, t)).append("(").append(ct).append(" v, tri_i64 i, ").append(ct).append(" bv, tri_i64 bi) {\n");
            b.append("    if (i < 0) return 0;\n    if (bi < 0) return 1;\n");
            if (t.isFloating()) {
                b.append("    if (bv != bv) return v != v && i < bi;\n    if (v != v) return 1;\n");
            }
            b.append("    return v ").append(cmp).append(" bv || (v == bv && i < bi);\n}\n");
        }
        return b.toString();
    }

    /** argmax ({@code max}) or argmin of inputs of {@code t}, writing I64 positions along the axis. */
    public static String arg(boolean max, DType t, boolean serial, EmitOptions opt) {
        Primitive p = max ? Prims.ARGMAX : Prims.ARGMIN;
        String st = CTypes.storage(t), ct = CTypes.compute(t), better = betterFn(max, t);
        String load = CTypes.load(t, "x[base + j * m.rst[0]]");
        String head = "TRI_KERNEL void " + KernelNames.reduce(p, t, serial) + "(TRI_GLOBAL tri_i64* y, TRI_GLOBAL const " + st + "* x, tri_red m) {\n";
        String scan = "        " + ct + " bv = " + CTypes.literal(t, 0) + ";\n"
                + "        tri_i64 bi = -1;\n"
                + "        for (tri_i64 j = %s; j < m.nred; j += %s) { " + ct + " v = " + load + "; if (" + better + "(v, j, bv, bi)) { bv = v; bi = j; } }\n";
        if (serial) {
            return head
                    + "    for (tri_i64 o = TRI_GID0; o < m.nout; o += TRI_GSIZE0) {\n"
                    + ElementwiseEmitter.indent(ReductionMeta.keptOffset("m", "o"), 8)
                    + scan.formatted("0", "1")
                    + "        y[o] = bi;\n"
                    + "    }\n}\n";
        }
        int ls = opt.reduceLocal();
        return head
                + "    TRI_LOCAL " + ct + " pv[" + ls + "];\n"
                + "    TRI_LOCAL tri_i64 pi[" + ls + "];\n"
                + "    const int lid = TRI_LID(0);\n"
                + "    for (tri_i64 o = TRI_GROUP(0); o < m.nout; o += TRI_NGROUPS(0)) {\n"
                + ElementwiseEmitter.indent(ReductionMeta.keptOffset("m", "o"), 8)
                + scan.formatted("lid", String.valueOf(ls))
                + "        pv[lid] = bv;\n"
                + "        pi[lid] = bi;\n"
                + "        TRI_BARRIER();\n"
                + "        for (int s = " + ls / 2 + "; s > 0; s >>= 1) {\n"
                + "            if (lid < s && " + better + "(pv[lid + s], pi[lid + s], pv[lid], pi[lid])) { pv[lid] = pv[lid + s]; pi[lid] = pi[lid + s]; }\n"
                + "            TRI_BARRIER();\n"
                + "        }\n"
                + "        if (lid == 0) y[o] = pi[0];\n"
                + "        TRI_BARRIER();\n"
                + "    }\n}\n";
    }
}
