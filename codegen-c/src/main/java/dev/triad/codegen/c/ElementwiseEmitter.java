package dev.triad.codegen.c;

import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;

import java.util.List;

/**
 * One-op elementwise kernels over strided operands: unary and binary ops and casts per dtype,
 * and the raw-bit copy and select kernels shared by every dtype of one element size. A
 * work-item per element (or a grid-stride loop when the grid is smaller), with runtime shapes
 * and strides ({@link ElementwiseMeta}), so one compiled kernel serves every shape, layout and
 * launch size.
 */
public final class ElementwiseEmitter {
    private ElementwiseEmitter() {}

    static String indent(String code, int spaces) {
        String pad = " ".repeat(spaces);
        StringBuilder b = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            if (line.isEmpty()) continue;
            b.append(pad).append(line).append('\n');
        }
        return b.toString();
    }

    /** {@code y = p(x)} for inputs of {@code t}. */
    public static String unary(Primitive p, DType t) {
        String st = CTypes.storage(t), ct = CTypes.compute(t);
        return "TRI_KERNEL void " + KernelNames.unary(p, t) + "(TRI_GLOBAL " + st + "* y, TRI_GLOBAL const " + st + "* x1, tri_ew2 m) {\n"
                + ElementwiseMeta.body(2, List.of("y", "x1"), e -> "const " + ct + " a = " + CTypes.load(t, e[1]) + ";\n"
                        + e[0] + " = " + CTypes.store(t, t, Scalars.unary(p, t, "a")) + ";\n") + "}\n";
    }

    /** {@code y = p(a, b)} for inputs of {@code t}; comparisons write BOOL. */
    public static String binary(Primitive p, DType t) {
        String st = CTypes.storage(t), ct = CTypes.compute(t);
        DType rt = Scalars.resultType(p, t);
        return "TRI_KERNEL void " + KernelNames.binary(p, t) + "(TRI_GLOBAL " + CTypes.storage(rt) + "* y, TRI_GLOBAL const " + st
                + "* x1, TRI_GLOBAL const " + st + "* x2, tri_ew3 m) {\n"
                + ElementwiseMeta.body(3, List.of("y", "x1", "x2"), e -> "const " + ct + " a = " + CTypes.load(t, e[1]) + ";\n"
                        + "const " + ct + " b = " + CTypes.load(t, e[2]) + ";\n"
                        + e[0] + " = " + CTypes.store(rt, rt, Scalars.binary(p, t, "a", "b")) + ";\n") + "}\n";
    }

    /** {@code y = cast(x)} from {@code from} to {@code to}; the result may be strided (copy into a view). */
    public static String cast(DType from, DType to) {
        return "TRI_KERNEL void " + KernelNames.cast(from, to) + "(TRI_GLOBAL " + CTypes.storage(to) + "* y, TRI_GLOBAL const "
                + CTypes.storage(from) + "* x1, tri_ew2 m) {\n"
                + ElementwiseMeta.body(2, List.of("y", "x1"), e -> "const " + CTypes.compute(from) + " a = " + CTypes.load(from, e[1]) + ";\n"
                        + e[0] + " = " + CTypes.store(from, to, "a") + ";\n") + "}\n";
    }

    /** Strided copy of raw elements of {@code bytes} bytes: every movement op and same-dtype copy. */
    public static String copy(int bytes) {
        String rt = KernelNames.rawType(bytes);
        return "TRI_KERNEL void " + KernelNames.copy(bytes) + "(TRI_GLOBAL " + rt + "* y, TRI_GLOBAL const " + rt + "* x1, tri_ew2 m) {\n"
                + ElementwiseMeta.body(2, List.of("y", "x1"), e -> e[0] + " = " + e[1] + ";\n") + "}\n";
    }

    /** {@code y = c ? a : b} on raw elements of {@code bytes} bytes (BOOL condition). */
    public static String where(int bytes) {
        String rt = KernelNames.rawType(bytes);
        return "TRI_KERNEL void " + KernelNames.where(bytes) + "(TRI_GLOBAL " + rt + "* y, TRI_GLOBAL const tri_u8* x1, TRI_GLOBAL const "
                + rt + "* x2, TRI_GLOBAL const " + rt + "* x3, tri_ew4 m) {\n"
                + ElementwiseMeta.body(4, List.of("y", "x1", "x2", "x3"), e -> e[0] + " = " + e[1] + " != 0 ? " + e[2] + " : " + e[3] + ";\n") + "}\n";
    }
}
