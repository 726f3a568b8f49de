package dev.triad.codegen.c;

import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.List;

/**
 * Assembles whole programs. Programs are few and large on purpose: a GPU runtime's program
 * build has a high fixed cost (PoCL: about half a second) and a small cost per kernel, so
 * Triad builds one <em>common</em> program with the dtype-independent data-movement kernels
 * and one program per dtype with every arithmetic kernel of that dtype, each once per device
 * (and cached on disk by the backend).
 */
public final class Programs {
    private Programs() {}

    /** Every struct the kernels take, in every program so that any kernel can be added anywhere. */
    static String structs() {
        StringBuilder b = new StringBuilder();
        for (int k : ElementwiseMeta.ARITIES) b.append(ElementwiseMeta.struct(k));
        b.append(ReductionMeta.struct()).append(MatmulMeta.struct()).append(ConvMeta.struct())
                .append(WindowMeta.struct()).append(PadMeta.struct()).append(IndexMeta.struct());
        return b.toString();
    }

    /** The prelude, structs and helpers every program starts with. */
    public static String header(Dialect dialect, EmitOptions opt) {
        return dialect.prelude(opt.fp64()) + structs() + Prelude.helpers(opt.fp64()) + ReductionMeta.reducedOffsetFn();
    }

    private static final int[] SIZES = {1, 2, 4, 8};
    private static final DType[] INDEX_TYPES = {DType.I32, DType.I64};

    /** The dtype-independent program: copies, select, fill, pad, gather and random bits. */
    public static ProgramSource common(Dialect dialect, EmitOptions opt) {
        StringBuilder b = new StringBuilder(header(dialect, opt));
        List<String> names = new ArrayList<>();
        for (int s : SIZES) {
            add(b, names, KernelNames.copy(s), ElementwiseEmitter.copy(s));
            add(b, names, KernelNames.where(s), ElementwiseEmitter.where(s));
            add(b, names, KernelNames.fill(s), CreationEmitter.fill(s));
            add(b, names, KernelNames.pad(s), CreationEmitter.pad(s));
            for (DType ix : INDEX_TYPES) add(b, names, KernelNames.gather(s, ix), IndexingEmitter.gather(s, ix));
        }
        add(b, names, KernelNames.randomBits(), CreationEmitter.randomBits());
        return new ProgramSource("triad_common", b.toString(), names);
    }

    /** True when the per-dtype program of {@code t} can be built under {@code opt}. */
    public static boolean hasProgram(DType t, EmitOptions opt) { return t != DType.F64 || opt.fp64(); }

    /** Every arithmetic kernel of dtype {@code t}: elementwise ops, casts, reductions, indexing, contraction, windows, iota. */
    public static ProgramSource forDType(DType t, Dialect dialect, EmitOptions opt) {
        if (!hasProgram(t, opt)) throw new IllegalArgumentException("the device has no fp64; no program for " + t);
        StringBuilder b = new StringBuilder(header(dialect, opt));
        List<String> names = new ArrayList<>();
        for (Primitive p : Prims.all()) {
            if (p.category() == Primitive.Category.UNARY && Accepts.elementwise(p, t)) add(b, names, KernelNames.unary(p, t), ElementwiseEmitter.unary(p, t));
            if (p.category() == Primitive.Category.BINARY && Accepts.elementwise(p, t)) add(b, names, KernelNames.binary(p, t), ElementwiseEmitter.binary(p, t));
        }
        for (DType to : DType.values()) {
            if (hasProgram(to, opt)) add(b, names, KernelNames.cast(t, to), ElementwiseEmitter.cast(t, to));
        }
        if (t.isNumeric()) {
            b.append(ReductionEmitter.argHelpers(t)).append(WindowEmitter.argposHelper(t));
            for (Primitive p : List.of(Prims.REDUCE_SUM, Prims.REDUCE_PROD, Prims.REDUCE_MAX, Prims.REDUCE_MIN)) {
                for (boolean serial : new boolean[] {false, true}) add(b, names, KernelNames.reduce(p, t, serial), ReductionEmitter.reduce(p, t, serial, opt));
            }
            for (boolean max : new boolean[] {true, false}) {
                for (boolean serial : new boolean[] {false, true}) {
                    add(b, names, KernelNames.reduce(max ? Prims.ARGMAX : Prims.ARGMIN, t, serial), ReductionEmitter.arg(max, t, serial, opt));
                }
            }
            for (DType ix : INDEX_TYPES) add(b, names, KernelNames.scatterAdd(t, ix), IndexingEmitter.scatterAdd(t, ix));
            add(b, names, KernelNames.matmul(t), GemmEmitter.matmul(t, opt));
            if (GemmEmitter.hasVectorMatmul(t, dialect)) add(b, names, KernelNames.matmulVector(t), GemmEmitter.matmulVector(t, dialect.vectors()));
            if (t.isFloating()) add(b, names, KernelNames.conv(t), GemmEmitter.conv(t, opt));
            add(b, names, KernelNames.window("reduce_window_max", t), WindowEmitter.reduce(true, t));
            add(b, names, KernelNames.window("reduce_window_sum", t), WindowEmitter.reduce(false, t));
            add(b, names, KernelNames.window("window_argpos", t), WindowEmitter.argpos(t));
            add(b, names, KernelNames.window("select_and_scatter_add", t), WindowEmitter.selectAndScatterAdd(t));
            add(b, names, KernelNames.window("select_and_gather", t), WindowEmitter.selectAndGather(t));
            add(b, names, KernelNames.iota(t), CreationEmitter.iota(t));
        }
        return new ProgramSource("triad_" + t.shortName(), b.toString(), names);
    }

    private static void add(StringBuilder b, List<String> names, String name, String source) {
        names.add(name);
        b.append(source);
    }
}
