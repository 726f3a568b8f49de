package dev.triad.backend.cpu.gen;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.List;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

/**
 * Writes the class file of one chain. The class implements {@link ChainKernel}; its
 * {@code run} is, for the F32 lane and a chain {@code neg(x0 * b1)} (DoubleVector and double
 * for F64):
 *
 * <pre>{@code
 * MemorySegment s0 = segments[0]; long o0 = offsets[0];      // a contiguous input
 * float c1 = segments[1].get(JAVA_FLOAT_UNALIGNED, offsets[1]); // a broadcast input
 * MemorySegment so = segments[2]; long oo = offsets[2];      // the result
 * int i = 0, bound = SPECIES.loopBound(n), step = SPECIES.length();
 * for (; i < bound; i += step) {                             // in the class: 4 vectors per trip while they fit
 *     FloatVector x0 = FloatVector.fromMemorySegment(SPECIES, s0, o0 + 4L * i, LITTLE_ENDIAN);
 *     FloatVector x1 = FloatVector.broadcast(SPECIES, c1);
 *     FloatVector v0 = x0.mul(x1);
 *     FloatVector v1 = v0.neg();
 *     v1.intoMemorySegment(so, oo + 4L * i, LITTLE_ENDIAN);
 * }
 * if (i < n) { ... the same body with every load and store masked by SPECIES.indexInRange(i, n) ... }
 * }</pre>
 *
 * The tail runs the very vector expressions of the main loop under a mask (as the unfused
 * kernels do), so every element gets the same arithmetic wherever it falls. Every op is
 * emitted as the expression its unfused kernel evaluates (see {@link ChainOp}).
 *
 * <p>A reducing chain ({@link ChainReducer}) has a {@code reduce} method instead: the same
 * body, but per block of {@link ChainSignature#REDUCE_BLOCK} elements the last step's vectors
 * are folded into an accumulator ({@code add}, or {@code lanewise(MAX|MIN)}; the block's
 * last vector under a mask, so lanes past the end keep the accumulator) whose lanes are then
 * stored to the caller's partials.
 */
final class ChainEmitter {
    private ChainEmitter() {}

    private static final String VEC_PKG = "jdk.incubator.vector.";
    private static final ClassDesc CD_VECTOR = ClassDesc.of(VEC_PKG + "Vector");
    private static final ClassDesc CD_MASK = ClassDesc.of(VEC_PKG + "VectorMask");
    private static final ClassDesc CD_SPECIES = ClassDesc.of(VEC_PKG + "VectorSpecies");
    private static final ClassDesc CD_OPERATORS = ClassDesc.of(VEC_PKG + "VectorOperators");
    private static final ClassDesc CD_UNARY = ClassDesc.of(VEC_PKG + "VectorOperators$Unary");
    private static final ClassDesc CD_COMPARISON = ClassDesc.of(VEC_PKG + "VectorOperators$Comparison");
    private static final ClassDesc CD_SEGMENT = ClassDesc.of("java.lang.foreign.MemorySegment");
    private static final ClassDesc CD_VALUE_LAYOUT = ClassDesc.of("java.lang.foreign.ValueLayout");
    private static final ClassDesc CD_BYTE_ORDER = ClassDesc.of("java.nio.ByteOrder");
    private static final ClassDesc CD_KERNEL = ClassDesc.of(ChainKernel.class.getName());
    private static final ClassDesc CD_REDUCER = ClassDesc.of(ChainReducer.class.getName());
    private static final ClassDesc CD_ASSOCIATIVE = ClassDesc.of(VEC_PKG + "VectorOperators$Associative");

    /** The class file of {@code sig}, named {@code className} (a binary name in this package). */
    static byte[] emit(ChainSignature sig, String className) {
        return ClassFile.of().build(ClassDesc.of(className), cb -> {
            cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SUPER);
            cb.withSuperclass(ConstantDescs.CD_Object);
            boolean reduces = sig.reduction() != ChainSignature.Reduction.NONE;
            cb.withInterfaceSymbols(reduces ? CD_REDUCER : CD_KERNEL);
            cb.withMethodBody(ConstantDescs.INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC, code -> code
                    .aload(0)
                    .invokespecial(ConstantDescs.CD_Object, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void)
                    .return_());
            if (reduces) {
                MethodTypeDesc reduce = MethodTypeDesc.of(CD_void, CD_SEGMENT.arrayType(), CD_long.arrayType(), CD_int, CD_SEGMENT);
                cb.withMethodBody("reduce", reduce, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, code -> new Body(sig, code).emitReduce());
            } else {
                MethodTypeDesc run = MethodTypeDesc.of(CD_void, CD_SEGMENT.arrayType(), CD_long.arrayType(), CD_int);
                cb.withMethodBody("run", run, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, code -> new Body(sig, code).emit());
            }
        });
    }

    /** The state of emitting one {@code run} method: the lane's descriptors and the local slots. */
    private static final class Body {
        private final ChainSignature sig;
        private final CodeBuilder code;
        private final boolean f32;
        private final ClassDesc vec, prim;
        private final TypeKind primKind;
        private final int segmentsArg, offsetsArg, nArg;
        /** Per input: the segment slot (contiguous) or the scalar value slot (broadcast). */
        private final int[] inSeg, inOff, inValue;
        private final int outSeg, outOff, i, at, bound, step, mask;
        /** Reducing chains only: the partials argument, the accumulator, the block start, length and number. */
        private int partialsArg, acc, blockStart, blockLen, blockEnd, block;
        /** Per input and per step: the slot of its vector in the current body. */
        private final int[] inVec, stepVec;

        Body(ChainSignature sig, CodeBuilder code) {
            this.sig = sig;
            this.code = code;
            f32 = sig.lane() == ChainSignature.Lane.F32;
            vec = ClassDesc.of(VEC_PKG + (f32 ? "FloatVector" : "DoubleVector"));
            prim = f32 ? ConstantDescs.CD_float : ConstantDescs.CD_double;
            primKind = f32 ? TypeKind.FLOAT : TypeKind.DOUBLE;
            segmentsArg = code.parameterSlot(0);
            offsetsArg = code.parameterSlot(1);
            nArg = code.parameterSlot(2);
            int k = sig.inputs();
            inSeg = new int[k];
            inOff = new int[k];
            inValue = new int[k];
            inVec = new int[k];
            for (int j = 0; j < k; j++) {
                if (sig.broadcast().get(j)) {
                    inValue[j] = code.allocateLocal(primKind);
                } else {
                    inSeg[j] = code.allocateLocal(TypeKind.REFERENCE);
                    inOff[j] = code.allocateLocal(TypeKind.LONG);
                }
                inVec[j] = code.allocateLocal(TypeKind.REFERENCE);
            }
            outSeg = code.allocateLocal(TypeKind.REFERENCE);
            outOff = code.allocateLocal(TypeKind.LONG);
            i = code.allocateLocal(TypeKind.INT);
            at = code.allocateLocal(TypeKind.INT);
            bound = code.allocateLocal(TypeKind.INT);
            step = code.allocateLocal(TypeKind.INT);
            mask = code.allocateLocal(TypeKind.REFERENCE);
            stepVec = new int[sig.steps().size()];
            for (int s = 0; s < stepVec.length; s++) stepVec[s] = code.allocateLocal(TypeKind.REFERENCE);
        }

        /** The elementwise {@code run}: main loop, masked tail, each storing the last step. */
        void emit() {
            prologue();
            int k = sig.inputs();
            code.aload(segmentsArg).loadConstant(k).aaload().astore(outSeg);
            code.aload(offsetsArg).loadConstant(k).laload().lstore(outOff);
            code.loadConstant(0).istore(i);
            species().iload(nArg).invokeinterface(CD_SPECIES, "loopBound", MethodTypeDesc.of(CD_int, CD_int)).istore(bound);
            species().invokeinterface(CD_SPECIES, "length", MethodTypeDesc.of(CD_int)).istore(step);

            Label unrolled = code.newLabel(), loop = code.newLabel(), tail = code.newLabel(), end = code.newLabel();
            // UNROLL vectors per trip while they fit (i <= n - UNROLL * step), then one per
            // trip, then the masked tail. Unrolling by hand measured closer to memcpy's
            // streaming rate than the JIT's own unrolling of the one-vector loop.
            code.labelBinding(unrolled);
            code.iload(i).iload(nArg).iload(step).loadConstant(UNROLL).imul().isub().if_icmpgt(loop);
            for (int u = 0; u < UNROLL; u++) {
                code.iload(i);
                if (u > 0) code.iload(step).loadConstant(u).imul().iadd();
                code.istore(at);
                body(false);
                store(false);
            }
            code.iload(i).iload(step).loadConstant(UNROLL).imul().iadd().istore(i);
            code.goto_(unrolled);
            code.labelBinding(loop);
            code.iload(i).iload(bound).if_icmpge(tail);
            code.iload(i).istore(at);
            body(false);
            store(false);
            code.iload(i).iload(step).iadd().istore(i);
            code.goto_(loop);
            code.labelBinding(tail);
            code.iload(i).iload(nArg).if_icmpge(end);
            code.iload(i).istore(at);
            species().iload(i).iload(nArg).invokeinterface(CD_SPECIES, "indexInRange", MethodTypeDesc.of(CD_MASK, CD_int, CD_int)).astore(mask);
            body(true);
            store(true);
            code.labelBinding(end);
            code.return_();
        }

        /** Vectors per trip of the elementwise main loop. */
        private static final int UNROLL = 4;

        /**
         * The reducing {@code reduce}: per block of {@link ChainSignature#REDUCE_BLOCK}
         * elements, an accumulator starts at the identity, takes every vector of the block in
         * order (the last one masked), and its lanes are stored to the partials.
         */
        void emitReduce() {
            partialsArg = code.parameterSlot(3);
            acc = code.allocateLocal(TypeKind.REFERENCE);
            blockStart = code.allocateLocal(TypeKind.INT);
            blockLen = code.allocateLocal(TypeKind.INT);
            blockEnd = code.allocateLocal(TypeKind.INT);
            block = code.allocateLocal(TypeKind.INT);
            prologue();
            species().invokeinterface(CD_SPECIES, "length", MethodTypeDesc.of(CD_int)).istore(step);
            code.loadConstant(0).istore(blockStart);
            code.loadConstant(0).istore(block);
            Label blocks = code.newLabel(), loop = code.newLabel(), tail = code.newLabel(), stored = code.newLabel(), end = code.newLabel();
            code.labelBinding(blocks);
            code.iload(blockStart).iload(nArg).if_icmpge(end);
            // len = min(BLOCK, n - start); end = start + len; bound = start + loopBound(len)
            code.loadConstant(ChainSignature.REDUCE_BLOCK).iload(nArg).iload(blockStart).isub()
                    .invokestatic(ClassDesc.of("java.lang.Math"), "min", MethodTypeDesc.of(CD_int, CD_int, CD_int)).istore(blockLen);
            code.iload(blockStart).iload(blockLen).iadd().istore(blockEnd);
            code.iload(blockStart);
            species().iload(blockLen).invokeinterface(CD_SPECIES, "loopBound", MethodTypeDesc.of(CD_int, CD_int));
            code.iadd().istore(bound);
            identity();
            code.astore(acc);
            code.iload(blockStart).istore(i);
            code.labelBinding(loop);
            code.iload(i).iload(bound).if_icmpge(tail);
            code.iload(i).istore(at);
            body(false);
            accumulate(false);
            code.iload(i).iload(step).iadd().istore(i);
            code.goto_(loop);
            code.labelBinding(tail);
            code.iload(i).iload(blockEnd).if_icmpge(stored);
            code.iload(i).istore(at);
            species().iload(i).iload(blockEnd).invokeinterface(CD_SPECIES, "indexInRange", MethodTypeDesc.of(CD_MASK, CD_int, CD_int)).astore(mask);
            body(true);
            accumulate(true);
            code.labelBinding(stored);
            // acc.intoMemorySegment(partials, (long) block * step * bytes, LITTLE_ENDIAN)
            code.aload(acc).aload(partialsArg);
            code.iload(block).i2l().iload(step).i2l().lmul().loadConstant((long) sig.lane().bytes()).lmul();
            littleEndian();
            code.invokevirtual(vec, "intoMemorySegment", MethodTypeDesc.of(CD_void, CD_SEGMENT, CD_long, CD_BYTE_ORDER));
            code.iinc(block, 1);
            code.iload(blockStart).loadConstant(ChainSignature.REDUCE_BLOCK).iadd().istore(blockStart);
            code.goto_(blocks);
            code.labelBinding(end);
            code.return_();
        }

        /** The accumulator's starting vector: 0 for a sum, -inf for max, +inf for min. */
        private void identity() {
            switch (sig.reduction()) {
                case SUM -> species().invokestatic(vec, "zero", MethodTypeDesc.of(vec, CD_SPECIES));
                case MAX, MIN -> {
                    species();
                    boolean max = sig.reduction() == ChainSignature.Reduction.MAX;
                    if (f32) code.loadConstant(max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
                    else code.loadConstant(max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
                    code.invokestatic(vec, "broadcast", MethodTypeDesc.of(vec, CD_SPECIES, prim));
                }
                case NONE -> throw new IllegalStateException("not a reducing chain");
            }
        }

        /** {@code acc = acc.add(v)} or {@code acc.lanewise(MAX|MIN, v)}, under the mask in the tail (masked-off lanes keep acc). */
        private void accumulate(boolean masked) {
            code.aload(acc);
            if (sig.reduction() == ChainSignature.Reduction.SUM) {
                code.aload(stepVec[stepVec.length - 1]);
                if (masked) code.aload(mask).invokevirtual(vec, "add", MethodTypeDesc.of(vec, CD_VECTOR, CD_MASK));
                else binary("add");
            } else {
                code.getstatic(CD_OPERATORS, sig.reduction().name(), CD_ASSOCIATIVE);
                code.aload(stepVec[stepVec.length - 1]);
                if (masked) {
                    code.aload(mask).invokevirtual(vec, "lanewise", MethodTypeDesc.of(vec, ClassDesc.of(VEC_PKG + "VectorOperators$Binary"), CD_VECTOR, CD_MASK));
                } else {
                    code.invokevirtual(vec, "lanewise", MethodTypeDesc.of(vec, ClassDesc.of(VEC_PKG + "VectorOperators$Binary"), CD_VECTOR));
                }
            }
            code.astore(acc);
        }

        /** Reads the inputs' segments and offsets, and the broadcast inputs' values, into locals. */
        private void prologue() {
            int k = sig.inputs();
            for (int j = 0; j < k; j++) {
                if (sig.broadcast().get(j)) {
                    code.aload(segmentsArg).loadConstant(j).aaload();
                    code.getstatic(CD_VALUE_LAYOUT, f32 ? "JAVA_FLOAT_UNALIGNED" : "JAVA_DOUBLE_UNALIGNED",
                            ClassDesc.of("java.lang.foreign.ValueLayout$" + (f32 ? "OfFloat" : "OfDouble")));
                    code.aload(offsetsArg).loadConstant(j).laload();
                    code.invokeinterface(CD_SEGMENT, "get", MethodTypeDesc.of(prim,
                            ClassDesc.of("java.lang.foreign.ValueLayout$" + (f32 ? "OfFloat" : "OfDouble")), CD_long));
                    code.storeLocal(primKind, inValue[j]);
                } else {
                    code.aload(segmentsArg).loadConstant(j).aaload().astore(inSeg[j]);
                    code.aload(offsetsArg).loadConstant(j).laload().lstore(inOff[j]);
                }
            }
        }

        /** One vector's worth: load the inputs and compute every step (the last is in its slot). */
        private void body(boolean masked) {
            for (int j = 0; j < sig.inputs(); j++) {
                if (sig.broadcast().get(j)) {
                    species().loadLocal(primKind, inValue[j]);
                    code.invokestatic(vec, "broadcast", MethodTypeDesc.of(vec, CD_SPECIES, prim));
                } else {
                    species().aload(inSeg[j]);
                    byteOffset(inOff[j]);
                    littleEndian();
                    if (masked) {
                        code.aload(mask);
                        code.invokestatic(vec, "fromMemorySegment", MethodTypeDesc.of(vec, CD_SPECIES, CD_SEGMENT, CD_long, CD_BYTE_ORDER, CD_MASK));
                    } else {
                        code.invokestatic(vec, "fromMemorySegment", MethodTypeDesc.of(vec, CD_SPECIES, CD_SEGMENT, CD_long, CD_BYTE_ORDER));
                    }
                }
                code.astore(inVec[j]);
            }
            List<ChainStep> steps = sig.steps();
            for (int s = 0; s < steps.size(); s++) {
                op(steps.get(s));
                code.astore(stepVec[s]);
            }
        }

        /** Stores the last step's vector to the output at {@code i}. */
        private void store(boolean masked) {
            code.aload(stepVec[stepVec.length - 1]).aload(outSeg);
            byteOffset(outOff);
            littleEndian();
            if (masked) {
                code.aload(mask);
                code.invokevirtual(vec, "intoMemorySegment", MethodTypeDesc.of(CD_void, CD_SEGMENT, CD_long, CD_BYTE_ORDER, CD_MASK));
            } else {
                code.invokevirtual(vec, "intoMemorySegment", MethodTypeDesc.of(CD_void, CD_SEGMENT, CD_long, CD_BYTE_ORDER));
            }
        }

        /** Leaves the step's vector on the stack; each case is the unfused kernel's expression. */
        private void op(ChainStep s) {
            List<Integer> o = s.operands();
            switch (s.op()) {
                case NEG -> call0(o.get(0), "neg");
                case ABS -> call0(o.get(0), "abs");
                case SQRT -> call0(o.get(0), "sqrt");
                case EXP, LOG, LOG1P, EXPM1, SIN, COS, TANH -> {
                    operand(o.get(0));
                    code.getstatic(CD_OPERATORS, s.op().name(), CD_UNARY);
                    code.invokevirtual(vec, "lanewise", MethodTypeDesc.of(vec, CD_UNARY));
                }
                case RECIPROCAL -> {
                    one();
                    operand(o.get(0));
                    binary("div");
                }
                case RSQRT -> {
                    one();
                    call0(o.get(0), "sqrt");
                    binary("div");
                }
                case LOGISTIC -> {
                    // 1 / (exp(-a) + 1), in the order of the unfused kernel.
                    one();
                    call0(o.get(0), "neg");
                    code.getstatic(CD_OPERATORS, "EXP", CD_UNARY);
                    code.invokevirtual(vec, "lanewise", MethodTypeDesc.of(vec, CD_UNARY));
                    constant(1);
                    code.invokevirtual(vec, "add", MethodTypeDesc.of(vec, prim));
                    binary("div");
                }
                case ADD, SUB, MUL, DIV, MAX, MIN -> {
                    operand(o.get(0));
                    operand(o.get(1));
                    binary(s.op().name().toLowerCase(java.util.Locale.ROOT));
                }
                case MAX_SCALAR, MIN_SCALAR -> {
                    // a.blend(s, a.compare(LE|GT, s))
                    operand(o.get(0));
                    operand(o.get(1));
                    operand(o.get(0));
                    code.getstatic(CD_OPERATORS, s.op() == ChainOp.MAX_SCALAR ? "LE" : "GT", CD_COMPARISON);
                    operand(o.get(1));
                    code.invokevirtual(vec, "compare", MethodTypeDesc.of(CD_MASK, CD_COMPARISON, CD_VECTOR));
                    code.invokevirtual(vec, "blend", MethodTypeDesc.of(vec, CD_VECTOR, CD_MASK));
                }
                case EQ, NE, LT, LE, GT, GE -> {
                    // zero.blend(1, a.compare(OP, b))
                    species().invokestatic(vec, "zero", MethodTypeDesc.of(vec, CD_SPECIES));
                    constant(1);
                    operand(o.get(0));
                    code.getstatic(CD_OPERATORS, s.op().name(), CD_COMPARISON);
                    operand(o.get(1));
                    code.invokevirtual(vec, "compare", MethodTypeDesc.of(CD_MASK, CD_COMPARISON, CD_VECTOR));
                    code.invokevirtual(vec, "blend", MethodTypeDesc.of(vec, prim, CD_MASK));
                }
                case WHERE -> {
                    // q.blend(p, c.compare(NE, 0))
                    operand(o.get(2));
                    operand(o.get(1));
                    nonZero(o.get(0));
                    code.invokevirtual(vec, "blend", MethodTypeDesc.of(vec, CD_VECTOR, CD_MASK));
                }
                case TO_BOOL -> {
                    // zero.blend(1, a.compare(NE, 0))
                    species().invokestatic(vec, "zero", MethodTypeDesc.of(vec, CD_SPECIES));
                    constant(1);
                    nonZero(o.get(0));
                    code.invokevirtual(vec, "blend", MethodTypeDesc.of(vec, prim, CD_MASK));
                }
                case COPY -> operand(o.get(0));
            }
        }

        private void nonZero(int operand) {
            operand(operand);
            code.getstatic(CD_OPERATORS, "NE", CD_COMPARISON);
            constant(0);
            code.invokevirtual(vec, "compare", MethodTypeDesc.of(CD_MASK, CD_COMPARISON, prim));
        }

        private void call0(int operand, String method) {
            operand(operand);
            code.invokevirtual(vec, method, MethodTypeDesc.of(vec));
        }

        private void binary(String method) {
            code.invokevirtual(vec, method, MethodTypeDesc.of(vec, CD_VECTOR));
        }

        /** A vector of ones: {@code broadcast(SPECIES, 1)}. */
        private void one() {
            species();
            constant(1);
            code.invokestatic(vec, "broadcast", MethodTypeDesc.of(vec, CD_SPECIES, prim));
        }

        private void constant(int value) {
            if (f32) code.loadConstant((float) value);
            else code.loadConstant((double) value);
        }

        private void operand(int operand) {
            code.aload(operand >= 0 ? stepVec[operand] : inVec[-1 - operand]);
        }

        private CodeBuilder species() {
            return code.getstatic(vec, "SPECIES_PREFERRED", CD_SPECIES);
        }

        private void littleEndian() {
            code.getstatic(CD_BYTE_ORDER, "LITTLE_ENDIAN", CD_BYTE_ORDER);
        }

        /** {@code off + bytes * (long) at} on the stack: the current vector's byte offset. */
        private void byteOffset(int offSlot) {
            code.lload(offSlot).iload(at).i2l().loadConstant((long) sig.lane().bytes()).lmul().ladd();
        }
    }
}
