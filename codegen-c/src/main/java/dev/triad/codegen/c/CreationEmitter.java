package dev.triad.codegen.c;

import dev.triad.spi.types.DType;

/** Kernels that make values: fill and pad (raw bits), iota per dtype, and Threefry random bits. */
public final class CreationEmitter {
    private CreationEmitter() {}

    /** {@code y[i] = v} for {@code n} raw elements of {@code bytes} bytes. */
    public static String fill(int bytes) {
        String rt = KernelNames.rawType(bytes);
        return "TRI_KERNEL void " + KernelNames.fill(bytes) + "(TRI_GLOBAL " + rt + "* y, tri_i64 n, " + rt + " v) {\n"
                + "    for (tri_i64 i = TRI_GID0; i < n; i += TRI_GSIZE0) y[i] = v;\n}\n";
    }

    /** Constant padding with interior padding and cropping ({@link PadMeta}); {@code v} holds the pad value's bits. */
    public static String pad(int bytes) {
        String rt = KernelNames.rawType(bytes);
        return "TRI_KERNEL void " + KernelNames.pad(bytes) + "(TRI_GLOBAL " + rt + "* y, TRI_GLOBAL const " + rt + "* x, tri_pad m, " + rt + " v) {\n"
                + "    for (tri_i64 i = TRI_GID0; i < m.n; i += TRI_GSIZE0) {\n"
                + "        tri_i64 r_ = i, addr = m.off;\n"
                + "        int inside = 1;\n"
                + "        for (int d = (int)m.rank - 1; d >= 0; d--) {\n"
                + "            tri_i64 t = r_ % m.odims[d] - m.lo[d];\n"
                + "            r_ /= m.odims[d];\n"
                + "            if (t < 0 || t % m.step[d] != 0) inside = 0;\n"
                + "            else { t /= m.step[d]; if (t >= m.idims[d]) inside = 0; else addr += t * m.ist[d]; }\n"
                + "        }\n"
                + "        y[i] = inside ? x[addr] : v;\n"
                + "    }\n}\n";
    }

    /** {@code y[i]} = the index along an axis: {@code (i / inner) % dim}, converted to {@code t}. */
    public static String iota(DType t) {
        return "TRI_KERNEL void " + KernelNames.iota(t) + "(TRI_GLOBAL " + CTypes.storage(t) + "* y, tri_i64 n, tri_i64 inner, tri_i64 dim) {\n"
                + "    for (tri_i64 i = TRI_GID0; i < n; i += TRI_GSIZE0) { tri_i64 c = (i / inner) % dim; y[i] = "
                + CTypes.store(DType.I64, t, "c") + "; }\n}\n";
    }

    /**
     * Threefry-2x32 random bits of {@code n} elements under the key at {@code key[koff]},
     * {@code key[koff + kst]}: pair {@code i} hashes counters {@code (i, h + i)} and writes
     * elements {@code i} and {@code h + i} ({@code h = ceil(n / 2)}), as
     * {@link dev.triad.spi.random.Threefry} does.
     */
    public static String randomBits() {
        return "TRI_KERNEL void " + KernelNames.randomBits() + "(TRI_GLOBAL int* y, TRI_GLOBAL const int* key, tri_i64 koff, tri_i64 kst, tri_i64 n) {\n"
                + "    const tri_i64 h = (n + 1) / 2;\n"
                + "    const tri_u32 k0 = (tri_u32)key[koff], k1 = (tri_u32)key[koff + kst];\n"
                + "    for (tri_i64 i = TRI_GID0; i < h; i += TRI_GSIZE0) {\n"
                + "        const tri_i64 second = h + i;\n"
                + "        const tri_u64 bits = tri_threefry(k0, k1, (tri_u32)i, second < n ? (tri_u32)second : 0u);\n"
                + "        y[i] = (int)(tri_u32)bits;\n"
                + "        if (second < n) y[second] = (int)(tri_u32)(bits >> 32);\n"
                + "    }\n}\n";
    }
}
