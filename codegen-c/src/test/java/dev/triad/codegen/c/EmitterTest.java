package dev.triad.codegen.c;

import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text the emitter produces for a few ops: signatures, semantics helpers, dtype handling. */
class EmitterTest {
    private static final EmitOptions FP64 = EmitOptions.forDevice(true, 1024);
    private static final EmitOptions NO_FP64 = EmitOptions.forDevice(false, 1024);

    @Test
    void unaryKernelLoadsStridedAndStoresInTheStorageType() {
        String k = ElementwiseEmitter.unary(Prims.EXP, DType.F32);
        assertTrue(k.startsWith("TRI_KERNEL void unary_exp_f32(TRI_GLOBAL float* y, TRI_GLOBAL const float* x1, tri_ew2 m)"), k);
        assertTrue(k.contains("y[o0] = (float)(exp(a));"), "the strided path: " + k);
        assertTrue(k.contains("y[m.off[0] + i] = (float)(exp(a));"), "the flat, vectorisable path: " + k);
        assertTrue(k.contains("(m.st[1][0] == 0 ? x1[m.off[1]] : x1[m.off[1] + i])"), "a broadcast element on the flat path: " + k);
        assertTrue(k.contains("if (TRI_GSIZE0 >= m.n) {"), "one work-item per element when the grid covers them: " + k);
        assertTrue(k.contains("i += TRI_GSIZE0"), "a grid-stride loop otherwise, so any launch size is correct: " + k);
        // BF16 computes in float and rounds to nearest even on store.
        String b = ElementwiseEmitter.unary(Prims.EXP, DType.BF16);
        assertTrue(b.contains("const float a = tri_bf16_to_f32(x1[o1]);"), b);
        assertTrue(b.contains("tri_f32_to_bf16((float)(exp(a)))"), b);
    }

    @Test
    void integerOpsComputeIn64BitsWithTriadsDivisionRules() {
        String k = ElementwiseEmitter.binary(Prims.DIV, DType.I32);
        assertTrue(k.contains("const tri_i64 a = (tri_i64)(x1[o1]);"), k);
        assertTrue(k.contains("tri_idiv(a, b)"), k);
        assertTrue(k.contains("(int)(tri_u32)(tri_u64)(tri_idiv(a, b))"), "I32 results wrap: " + k);
        assertTrue(Prelude.helpers(false).contains("b == 0 ? (tri_i64)-1"), "x / 0 = -1");
        assertEquals("tri_irem(p, q)", Scalars.binary(Prims.REM, DType.I64, "p", "q"));
        assertEquals("fmod(p, q)", Scalars.binary(Prims.REM, DType.F32, "p", "q"));
    }

    @Test
    void comparisonsWriteBoolAndNotIsLogicalOnBool() {
        String k = ElementwiseEmitter.binary(Prims.LT, DType.F64);
        assertTrue(k.contains("TRI_GLOBAL tri_u8* y"), k);
        assertTrue(k.contains("(tri_u8)(((tri_i64)((a) < (b))) != 0)"), k);
        assertEquals("(tri_i64)((x) == 0)", Scalars.unary(Prims.NOT, DType.BOOL, "x"));
        assertEquals("(~(x))", Scalars.unary(Prims.NOT, DType.I32, "x"));
    }

    @Test
    void floatSemanticsFollowJava() {
        assertEquals("rint(x)", Scalars.unary(Prims.ROUND, DType.F32, "x"), "round half to even");
        assertEquals("tri_maxf(a, b)", Scalars.binary(Prims.MAX, DType.F32, "a", "b"), "NaN-propagating max");
        assertEquals("tri_signd(x)", Scalars.unary(Prims.SIGN, DType.F64, "x"));
        assertTrue(Prelude.helpers(false).contains("x == 0.0f ? 0.0f : x"), "sign(NaN) is NaN");
    }

    @Test
    void castsSaturateAndMapNaNToZero() {
        String k = ElementwiseEmitter.cast(DType.F32, DType.I32);
        assertTrue(k.contains("tri_f_to_i32(a)"), k);
        assertEquals("tri_d_to_u8(v)", CTypes.store(DType.F64, DType.U8, "v"));
        assertEquals("(tri_u8)((v) != 0)", CTypes.store(DType.F32, DType.BOOL, "v"), "NaN != 0, so NaN casts to true");
        assertEquals("(tri_u8)(tri_u64)(v)", CTypes.store(DType.I64, DType.U8, "v"), "integers wrap");
    }

    @Test
    void programsHoldEveryKernelTheyListAndNoDoubleWithoutFp64() {
        ProgramSource f32 = Programs.forDType(DType.F32, OpenClDialect.INSTANCE, NO_FP64);
        for (String name : f32.kernels()) assertTrue(f32.source().contains("void " + name + "("), name);
        assertTrue(f32.kernels().contains("matmul_f32") && f32.kernels().contains("conv_f32") && f32.kernels().contains("reduce_sum_f32_serial"));
        assertFalse(f32.kernels().contains("cast_f32_f64"), "no cast to f64 without fp64");
        assertFalse(f32.source().contains("double"), "a device without fp64 must never see double");
        assertFalse(f32.source().contains("cl_khr_fp64"));
        assertThrows(IllegalArgumentException.class, () -> Programs.forDType(DType.F64, OpenClDialect.INSTANCE, NO_FP64));
        assertTrue(Programs.forDType(DType.F64, OpenClDialect.INSTANCE, FP64).source().contains("#pragma OPENCL EXTENSION cl_khr_fp64 : enable"));
        ProgramSource bool = Programs.forDType(DType.BOOL, OpenClDialect.INSTANCE, FP64);
        assertFalse(bool.kernels().contains("matmul_bool"), "matmul does not accept bool");
        assertTrue(bool.kernels().contains("binary_and_bool"));
        ProgramSource common = Programs.common(OpenClDialect.INSTANCE, FP64);
        assertTrue(common.kernels().contains("copy_b4") && common.kernels().contains("gather_b8_i32") && common.kernels().contains("random_bits"));
    }

    @Test
    void gemmTilesUseLocalMemoryAndBarriers() {
        String k = GemmEmitter.matmul(DType.F32, new EmitOptions(true, 16, 4, 16, 64));
        assertTrue(k.contains("TRI_LOCAL float As[16][64];"), k);
        assertTrue(k.contains("TRI_BARRIER();"), k);
        assertTrue(k.contains("acc[i][j] = fma(av[i], bv[j], acc[i][j]);"), k);
        String c = GemmEmitter.conv(DType.F64, new EmitOptions(true, 8, 2, 8, 64));
        assertTrue(c.contains("TRI_LOCAL double Bs[8][16];"), c);
        assertTrue(c.contains("q % m.ldil[d] != 0"), "input dilation holes read as zero: " + c);
    }

    @Test
    void dialectDefinesTheMacrosTheEmitterUses() {
        String prelude = OpenClDialect.INSTANCE.prelude(false);
        for (String macro : new String[] {"TRI_KERNEL", "TRI_FN", "TRI_GLOBAL", "TRI_LOCAL", "TRI_BARRIER()", "TRI_GID0", "TRI_GSIZE0",
                "TRI_LID(d)", "TRI_GROUP(d)", "TRI_NGROUPS(d)", "TRI_AS_U32(x)", "TRI_AS_F32(x)"}) {
            assertTrue(prelude.contains("#define " + macro), macro);
        }
        for (String type : new String[] {"tri_i64", "tri_u64", "tri_u32", "tri_u16", "tri_u8"}) assertTrue(prelude.contains(" " + type + ";"), type);
        assertFalse(prelude.contains("cl_khr_fp64"));
    }

    @Test
    void literalsAreExact() {
        assertEquals("((float)0x1.8p+0f)", CTypes.literal(DType.F32, 1.5));
        assertEquals("((double)0x1.999999999999ap-4)", CTypes.literal(DType.F64, 0.1));
        assertEquals("((float)-0.0f)", CTypes.literal(DType.BF16, -0.0));
        assertEquals("(-(tri_i64)9223372036854775807 - (tri_i64)1)", CTypes.longLiteral(Long.MIN_VALUE));
        assertEquals("(-(1.0f/0.0f))", CTypes.literal(DType.F16, Double.NEGATIVE_INFINITY));
        assertEquals(0.1, Double.parseDouble(CTypes.hexDouble(0.1)));
    }
}
