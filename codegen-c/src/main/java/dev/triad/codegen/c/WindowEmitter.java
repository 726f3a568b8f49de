package dev.triad.codegen.c;

import dev.triad.spi.types.DType;

/**
 * Sliding-window kernels ({@link WindowMeta}): reduce_window_max/sum (a thread per window),
 * and the pair that differentiates max pooling. Both pair members locate each window's first
 * maximum exactly as the reference does (row-major over the window, padding counting as -inf,
 * a later element winning only when strictly greater). select_and_scatter_add runs in two
 * passes without atomics: {@code window_argpos} stores each window's winner, then a thread per
 * operand element sums, in window order, the sources of the windows it won — deterministic and
 * the same order as a sequential loop.
 */
public final class WindowEmitter {
    private WindowEmitter() {}

    /** The operand position of window element {@code k} of window {@code o}: sets inside, addr (storage offset) and lp (row-major position). */
    private static final String LOCATE = """
            tri_i64 ro = o, rk = k, addr = m.off, lp = 0, mult = 1;
            int inside = 1;
            for (int d = (int)m.rank - 1; d >= 0; d--) {
                tri_i64 od = ro % m.odims[d], kd = rk % m.win[d];
                ro /= m.odims[d];
                rk /= m.win[d];
                tri_i64 p = od * m.stride[d] + kd - m.lo[d];
                if (p < 0 || p >= m.idims[d]) inside = 0; else { addr += p * m.ist[d]; lp += p * mult; }
                mult *= m.idims[d];
            }
            """;

    private static String lowest(DType t) {
        return t.isFloating() ? CTypes.literal(t, Double.NEGATIVE_INFINITY) : CTypes.longLiteral(Long.MIN_VALUE);
    }

    /** reduce_window_max ({@code max}) or reduce_window_sum of {@code t}; padding is -inf or 0. */
    public static String reduce(boolean max, DType t) {
        String st = CTypes.storage(t), ct = CTypes.compute(t);
        String pad = max ? lowest(t) : CTypes.literal(t, 0);
        String combine = max ? Scalars.binary(dev.triad.spi.prims.Prims.MAX, t, "acc", "v") : Scalars.binary(dev.triad.spi.prims.Prims.ADD, t, "acc", "v");
        String name = KernelNames.window(max ? "reduce_window_max" : "reduce_window_sum", t);
        return "TRI_KERNEL void " + name + "(TRI_GLOBAL " + st + "* y, TRI_GLOBAL const " + st + "* x, tri_win m) {\n"
                + "    for (tri_i64 o = TRI_GID0; o < m.nout; o += TRI_GSIZE0) {\n"
                + "        " + ct + " acc = " + pad + ";\n"
                + "        for (tri_i64 k = 0; k < m.wvol; k++) {\n"
                + ElementwiseEmitter.indent(LOCATE, 12)
                + "            " + ct + " v = inside ? " + CTypes.load(t, "x[addr]") + " : " + pad + ";\n"
                + "            acc = " + combine + ";\n"
                + "        }\n"
                + "        y[o] = " + CTypes.store(t, t, "acc") + ";\n"
                + "    }\n}\n";
    }

    private static String argposFn(DType t) { return "tri_window_argpos_" + t.shortName(); }

    /** The helper returning window {@code o}'s first maximum as a row-major operand position, or -1 when it is padding. */
    public static String argposHelper(DType t) {
        String st = CTypes.storage(t), ct = CTypes.compute(t);
        return "TRI_FN tri_i64 " + argposFn(t) + "(TRI_GLOBAL const " + st + "* x, tri_win m, tri_i64 o) {\n"
                + "    tri_i64 best = -2;\n"
                + "    " + ct + " bv = " + CTypes.literal(t, 0) + ";\n"
                + "    for (tri_i64 k = 0; k < m.wvol; k++) {\n"
                + ElementwiseEmitter.indent(LOCATE, 8)
                + "        " + ct + " v = inside ? " + CTypes.load(t, "x[addr]") + " : " + lowest(t) + ";\n"
                + "        if (best == -2 || v > bv) { best = inside ? lp : -1; bv = v; }\n"
                + "    }\n"
                + "    return best < 0 ? -1 : best;\n}\n";
    }

    /** First pass of select_and_scatter_add: each window's winner position. */
    public static String argpos(DType t) {
        return "TRI_KERNEL void " + KernelNames.window("window_argpos", t) + "(TRI_GLOBAL tri_i64* pos, TRI_GLOBAL const "
                + CTypes.storage(t) + "* x, tri_win m) {\n"
                + "    for (tri_i64 o = TRI_GID0; o < m.nout; o += TRI_GSIZE0) pos[o] = " + argposFn(t) + "(x, m, o);\n}\n";
    }

    /** Second pass: each operand element sums the sources (strided, st2/off2) of the windows it won. */
    public static String selectAndScatterAdd(DType t) {
        String st = CTypes.storage(t), ct = CTypes.compute(t);
        int r = Limits.MAX_RANK;
        return "TRI_KERNEL void " + KernelNames.window("select_and_scatter_add", t) + "(TRI_GLOBAL " + st + "* y, TRI_GLOBAL const " + st
                + "* src, TRI_GLOBAL const tri_i64* pos, tri_win m) {\n"
                + "    for (tri_i64 i = TRI_GID0; i < m.nin; i += TRI_GSIZE0) {\n"
                + "        tri_i64 lo[" + r + "], ext[" + r + "], vol = 1, rest = i;\n"
                + "        for (int d = (int)m.rank - 1; d >= 0; d--) {\n"
                + "            tri_i64 p = rest % m.idims[d];\n"
                + "            rest /= m.idims[d];\n"
                + "            tri_i64 a = p + m.lo[d] - m.win[d] + 1;\n"
                + "            tri_i64 first = a <= 0 ? 0 : (a + m.stride[d] - 1) / m.stride[d];\n"
                + "            tri_i64 last = (p + m.lo[d]) / m.stride[d];\n"
                + "            if (last > m.odims[d] - 1) last = m.odims[d] - 1;\n"
                + "            lo[d] = first;\n"
                + "            ext[d] = last >= first ? last - first + 1 : 0;\n"
                + "            vol *= ext[d];\n"
                + "        }\n"
                + "        " + ct + " acc = " + CTypes.literal(t, 0) + ";\n"
                + "        for (tri_i64 w = 0; w < vol; w++) {\n"
                + "            tri_i64 rw = w, flat = 0, mult = 1, saddr = m.off2;\n"
                + "            for (int d = (int)m.rank - 1; d >= 0; d--) {\n"
                + "                tri_i64 od = lo[d] + rw % ext[d];\n"
                + "                rw /= ext[d];\n"
                + "                flat += od * mult;\n"
                + "                mult *= m.odims[d];\n"
                + "                saddr += od * m.st2[d];\n"
                + "            }\n"
                + "            if (pos[flat] == i) acc = " + Scalars.binary(dev.triad.spi.prims.Prims.ADD, t, "acc", CTypes.load(t, "src[saddr]")) + ";\n"
                + "        }\n"
                + "        y[i] = " + CTypes.store(t, t, "acc") + ";\n"
                + "    }\n}\n";
    }

    /** select_and_gather: each window's tangent (strided, st2/off2, operand shape) at its winner, 0 when the winner is padding. */
    public static String selectAndGather(DType t) {
        String st = CTypes.storage(t), ct = CTypes.compute(t);
        return "TRI_KERNEL void " + KernelNames.window("select_and_gather", t) + "(TRI_GLOBAL " + st + "* y, TRI_GLOBAL const " + st
                + "* tan, TRI_GLOBAL const " + st + "* x, tri_win m) {\n"
                + "    for (tri_i64 o = TRI_GID0; o < m.nout; o += TRI_GSIZE0) {\n"
                + "        tri_i64 best = " + argposFn(t) + "(x, m, o);\n"
                + "        " + ct + " v = " + CTypes.literal(t, 0) + ";\n"
                + "        if (best >= 0) {\n"
                + "            tri_i64 taddr = m.off2;\n"
                + "            for (int d = (int)m.rank - 1; d >= 0; d--) { taddr += (best % m.idims[d]) * m.st2[d]; best /= m.idims[d]; }\n"
                + "            v = " + CTypes.load(t, "tan[taddr]") + ";\n"
                + "        }\n"
                + "        y[o] = " + CTypes.store(t, t, "v") + ";\n"
                + "    }\n}\n";
    }
}
