package dev.triad.codegen.c;

import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;

/**
 * gather (raw bits, shared by every dtype of one size) and scatter_add ({@link IndexMeta}).
 * Every index is checked against the axis size; an index out of range sets {@code err[0] = 1}
 * and {@code err[1]} to the index, which the host reads back and turns into an
 * {@link dev.triad.spi.error.IndexOutOfRangeException}, so no kernel ever reads or writes out
 * of bounds. scatter_add runs without atomics: a thread per result element scans the indices
 * of its slice and adds, in index order, the updates aimed at it, so results are deterministic.
 */
public final class IndexingEmitter {
    private IndexingEmitter() {}

    /** {@code y[i] = x[... idx[i] ...]} on raw elements of {@code bytes} bytes with indices of {@code index}. */
    public static String gather(int bytes, DType index) {
        String rt = KernelNames.rawType(bytes);
        return "TRI_KERNEL void " + KernelNames.gather(bytes, index) + "(TRI_GLOBAL " + rt + "* y, TRI_GLOBAL const " + rt
                + "* x, TRI_GLOBAL const " + CTypes.storage(index) + "* idx, TRI_GLOBAL tri_i64* err, tri_idx m) {\n"
                + "    for (tri_i64 i = TRI_GID0; i < m.n; i += TRI_GSIZE0) {\n"
                + "        tri_i64 r_ = i, xo = m.xoff, io = m.ioff;\n"
                + "        for (int d = (int)m.rank - 1; d >= 0; d--) {\n"
                + "            tri_i64 c_ = r_ % m.dims[d];\n"
                + "            r_ /= m.dims[d];\n"
                + "            io += c_ * m.ist[d];\n"
                + "            if (d != (int)m.axis) xo += c_ * m.xst[d];\n"
                + "        }\n"
                + "        tri_i64 k = (tri_i64)idx[io];\n"
                + "        if (k < 0 || k >= m.asize) { err[0] = 1; err[1] = k; y[i] = 0; }\n"
                + "        else y[i] = x[xo + k * m.xst[m.axis]];\n"
                + "    }\n}\n";
    }

    /** {@code y = x}, plus each update added at its index along the axis, for operands of {@code t}. */
    public static String scatterAdd(DType t, DType index) {
        String st = CTypes.storage(t), ct = CTypes.compute(t);
        return "TRI_KERNEL void " + KernelNames.scatterAdd(t, index) + "(TRI_GLOBAL " + st + "* y, TRI_GLOBAL const " + st
                + "* x, TRI_GLOBAL const " + CTypes.storage(index) + "* idx, TRI_GLOBAL const " + st + "* u, TRI_GLOBAL tri_i64* err, tri_idx m) {\n"
                + "    for (tri_i64 i = TRI_GID0; i < m.n; i += TRI_GSIZE0) {\n"
                + "        tri_i64 r_ = i, xo = m.xoff, io = m.ioff, uo = m.uoff, cax = 0;\n"
                + "        for (int d = (int)m.rank - 1; d >= 0; d--) {\n"
                + "            tri_i64 c_ = r_ % m.dims[d];\n"
                + "            r_ /= m.dims[d];\n"
                + "            xo += c_ * m.xst[d];\n"
                + "            if (d == (int)m.axis) cax = c_; else { io += c_ * m.ist[d]; uo += c_ * m.ust[d]; }\n"
                + "        }\n"
                + "        " + ct + " acc = " + CTypes.load(t, "x[xo]") + ";\n"
                + "        for (tri_i64 k = 0; k < m.kdim; k++) {\n"
                + "            tri_i64 j = (tri_i64)idx[io + k * m.ist[m.axis]];\n"
                + "            if (j < 0 || j >= m.asize) { err[0] = 1; err[1] = j; }\n"
                + "            else if (j == cax) acc = " + Scalars.binary(Prims.ADD, t, "acc", CTypes.load(t, "u[uo + k * m.ust[m.axis]]")) + ";\n"
                + "        }\n"
                + "        y[i] = " + CTypes.store(t, t, "acc") + ";\n"
                + "    }\n}\n";
    }
}
