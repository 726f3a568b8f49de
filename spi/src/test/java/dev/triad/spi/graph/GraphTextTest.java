package dev.triad.spi.graph;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.ops.Attr;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

class GraphTextTest {
    /** Asserts that text and graph survive print and parse unchanged, names included. */
    private static Graph roundTrip(Graph g) {
        String text = GraphText.print(g);
        Graph back = GraphText.parse(text);
        assertEquals(g, back, text);
        assertEquals(g.hashCode(), back.hashCode());
        assertEquals(text, GraphText.print(back));
        for (int i = 0; i < g.size(); i++) assertEquals(g.node(i).name(), back.node(i).name());
        return back;
    }

    @Test
    void issueExamplePrintsAndParsesBack() {
        String text = """
                graph(%0: f32[2,3], %1: f32[3]) {
                  %2 = broadcast_to(%1) {shape=[2,3]} : f32[2,3]
                  %3 = add(%0, %2) : f32[2,3]
                  %4 = literal f32[2] [1.0, 2.5]
                  return (%3)
                }
                """;
        Graph g = GraphText.parse(text);
        assertEquals(text, GraphText.print(g));
        assertEquals(5, g.size());
        assertEquals(List.of(TensorType.of(DType.F32, 2, 3), TensorType.of(DType.F32, 3)), g.parameterTypes());
        assertEquals(List.of(TensorType.of(DType.F32, 2, 3)), g.outputTypes());
        assertEquals(Prims.BROADCAST_TO, g.node(2).primitive());
        assertArrayEquals(new double[] {1.0, 2.5}, g.node(4).literal().toDoubles());
    }

    @Test
    void builtGraphEqualsItsParsedText() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.parameter(TensorType.of(DType.F32, 2, 3));
        Value bias = b.parameter(TensorType.of(DType.F32, 3));
        Value y = b.add(x, b.broadcastTo(bias, Shape.of(2, 3)));
        Graph g = b.build(y);
        assertEquals("""
                graph(%0: f32[2,3], %1: f32[3]) {
                  %2 = broadcast_to(%1) {shape=[2,3]} : f32[2,3]
                  %3 = add(%0, %2) : f32[2,3]
                  return (%3)
                }
                """, GraphText.print(g));
        assertNotSame(g, roundTrip(g));
    }

    @Test
    void everyAttributeTypeRoundTrips() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.parameter(TensorType.of(DType.F32, 2, 3));
        Value s = b.sum(x, new int[] {1}, true);                                   // int[] axes, bool
        Value p = b.permute(x, 1, 0);                                               // int[] perm
        Value sl = b.slice(x, new long[] {0, 1}, new long[] {2, 3}, new long[] {1, 2}); // long[] start/stop/step
        Value pd = b.pad(x, new long[] {1, -1}, new long[] {0, 2}, new long[] {0, 1}, -0.5); // long[], double
        Value c = b.cast(x, DType.BF16);                                            // dtype
        Value r = b.reshape(x, Shape.of(3, 2));                                     // shape
        Value cat = b.concat(1, List.of(x, x));                                     // int axis
        Value am = b.argmax(x, 1, false);                                           // int, bool
        Value fl = b.flip(x, 0, 1);
        Graph g = b.build(s, p, sl, pd, c, r, cat, am, fl);
        String text = GraphText.print(g);
        assertEquals("""
                graph(%0: f32[2,3]) {
                  %1 = reduce_sum(%0) {axes=[1], keep_dims=true} : f32[2,1]
                  %2 = permute(%0) {perm=[1,0]} : f32[3,2]
                  %3 = slice(%0) {start=[0,1], step=[1,2], stop=[2,3]} : f32[2,1]
                  %4 = pad(%0) {high=[0,2], interior=[0,1], low=[1,-1], value=-0.5} : f32[3,6]
                  %5 = cast(%0) {dtype=bf16} : bf16[2,3]
                  %6 = reshape(%0) {shape=[3,2]} : f32[3,2]
                  %7 = concat(%0, %0) {axis=1} : f32[2,6]
                  %8 = argmax(%0) {axis=1, keep_dims=false} : i64[2]
                  %9 = flip(%0) {axes=[0,1]} : f32[2,3]
                  return (%1, %2, %3, %4, %5, %6, %7, %8, %9)
                }
                """, text);
        roundTrip(g);
    }

    @Test
    void zeroInputOpsAndSpecialDoubleAttributesRoundTrip() {
        GraphBuilder b = new GraphBuilder();
        Value nan = b.full(Shape.of(2), DType.F32, Double.NaN);
        Value inf = b.full(Shape.of(2), DType.F64, Double.POSITIVE_INFINITY);
        Value ninf = b.full(Shape.SCALAR, DType.F32, Double.NEGATIVE_INFINITY);
        Value negZero = b.full(Shape.of(1), DType.F16, -0.0);
        Value tiny = b.full(Shape.of(1), DType.F64, Double.MIN_VALUE);
        Value iota = b.iota(Shape.of(2, 4), DType.I32, 1);
        Graph g = b.build(nan, inf, ninf, negZero, tiny, iota);
        assertEquals("""
                graph() {
                  %0 = full() {dtype=f32, shape=[2], value=nan} : f32[2]
                  %1 = full() {dtype=f64, shape=[2], value=inf} : f64[2]
                  %2 = full() {dtype=f32, shape=[], value=-inf} : f32[]
                  %3 = full() {dtype=f16, shape=[1], value=-0.0} : f16[1]
                  %4 = full() {dtype=f64, shape=[1], value=4.9E-324} : f64[1]
                  %5 = iota() {axis=1, dtype=i32, shape=[2,4]} : i32[2,4]
                  return (%0, %1, %2, %3, %4, %5)
                }
                """, GraphText.print(g));
        roundTrip(g);
    }

    @Test
    void longAttributesRoundTripWithACustomPrimitive() {
        Attr<Long> seed = Attr.ofLong("seed");
        Primitive custom = new Primitive("salted", 1, 1, Primitive.Category.UNARY, Primitive.Derivative.NONE, List.of(seed)) {
            @Override protected TensorType shapeRule(List<TensorType> in, Attrs a) { return in.get(0); }
        };
        GraphBuilder b = new GraphBuilder();
        Value x = b.parameter(TensorType.of(DType.I64, 3));
        Graph g = b.build(b.op(custom, Attrs.of(seed, Long.MIN_VALUE), x));
        String text = GraphText.print(g);
        assertEquals("""
                graph(%0: i64[3]) {
                  %1 = salted(%0) {seed=-9223372036854775808} : i64[3]
                  return (%1)
                }
                """, text);
        assertEquals(g, GraphText.parse(text, name -> name.equals("salted") ? custom : Prims.byName(name)));
    }

    @Test
    void literalsOfEveryDTypePrintExactly() {
        String text = """
                graph() {
                  %0 = literal f32[9] [1.0, -0.0, inf, -inf, nan, nan(0x7fc00001), 1.4E-45, 3.4028235E38, 0.1]
                  %1 = literal f64[7] [0.1, 1.0E-300, 4.9E-324, -inf, nan, nan(0xfff8000000000000), 1.7976931348623157E308]
                  %2 = literal bf16[5] [1.0, -2.5, inf, nan, nan(0xffc0)]
                  %3 = literal f16[5] [65504.0, 5.9604645E-8, -0.0, nan, nan(0x7e01)]
                  %4 = literal i32[3] [-2147483648, 0, 2147483647]
                  %5 = literal i64[2] [-9223372036854775808, 9223372036854775807]
                  %6 = literal u8[3] [0, 128, 255]
                  %7 = literal bool[3] [true, false, true]
                  %8 = literal f32[] [2.5]
                  %9 = literal f32[0] []
                  %10 = literal i32[2,2] [1, 2, 3, 4]
                  return (%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10)
                }
                """;
        Graph g = GraphText.parse(text);
        assertEquals(text, GraphText.print(g));
        assertEquals(g, GraphText.parse(GraphText.print(g)));

        HostArray f32 = g.node(0).literal();
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits((float) f32.getDouble(1)));
        assertEquals(0x7fc00001, f32.segment().get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 5 * 4));
        assertEquals(0.1f, (float) f32.getDouble(8));
        assertEquals(0.1, g.node(1).literal().getDouble(0));
        assertEquals(Double.MIN_VALUE, g.node(1).literal().getDouble(2));
        assertEquals(65504.0, g.node(3).literal().getDouble(0));
        assertEquals(Long.MIN_VALUE, g.node(5).literal().getLong(0));
        assertEquals(255, g.node(6).literal().getLong(2));
        assertEquals(1, g.node(7).literal().getLong(0));
    }

    @Test
    void literalsBuiltFromValuesRoundTripBitExactly() {
        Random r = new Random(7);
        double[] d = new double[64];
        for (int i = 0; i < d.length; i++) d[i] = Double.longBitsToDouble(r.nextLong());
        d[0] = Double.NaN;
        d[1] = -0.0;
        GraphBuilder b = new GraphBuilder();
        for (DType t : DType.values()) {
            HostArray a = t == DType.BOOL ? HostArray.fromBooleans(Shape.of(4), true, false, false, true)
                    : HostArray.fromDoubles(t, Shape.of(8, 8), scaled(d, t));
            b.literal(a);
        }
        // Random bit patterns, NaN payloads included, straight into the bytes.
        byte[] raw = new byte[4 * 50];
        r.nextBytes(raw);
        b.literal(HostArray.wrap(TensorType.of(DType.F32, 50), raw));
        byte[] raw16 = new byte[2 * 50];
        r.nextBytes(raw16);
        b.literal(HostArray.wrap(TensorType.of(DType.BF16, 50), raw16));
        b.literal(HostArray.wrap(TensorType.of(DType.F16, 50), raw16.clone()));
        Graph g = b.build(b.value(0), b.value(10));
        Graph back = roundTrip(g);
        for (int i = 0; i < g.size(); i++) assertArrayEquals(g.node(i).literal().bytes(), back.node(i).literal().bytes(), "literal %" + i);
    }

    private static double[] scaled(double[] d, DType t) {
        double[] out = d.clone();
        if (t.isInteger()) for (int i = 0; i < out.length; i++) out[i] = Double.isNaN(out[i]) ? 0 : out[i] % 100 + 100;
        return out;
    }

    @Test
    void largeLiteralsPrintInFull() {
        float[] v = new float[20_000];
        Random r = new Random(1);
        for (int i = 0; i < v.length; i++) v[i] = r.nextFloat() * 2 - 1;
        GraphBuilder b = new GraphBuilder();
        Value x = b.parameter(TensorType.of(DType.F32, 20_000));
        Value w = b.literal(HostArray.fromFloats(DType.F32, Shape.of(20_000), v));
        Graph g = b.build(b.mul(x, w));
        assertEquals(g, roundTrip(g));
        String text = GraphText.print(g);
        assertEquals(false, text.contains("..."));
        // Node.toString is for messages and elides.
        assertEquals(true, g.node(1).toString().endsWith(", ...]"));
    }

    @Test
    void multipleAndRepeatedOutputsAndEmptyGraphs() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.parameter(TensorType.of(DType.F64, 2));
        Value y = b.neg(x);
        Graph g = roundTrip(b.build(y, x, y));
        assertEquals(List.of(g.value(1), g.value(0), g.value(1)), g.outputs());
        Graph empty = roundTrip(new GraphBuilder().build());
        assertEquals("graph() {\n  return ()\n}\n", GraphText.print(empty));
    }

    @Test
    void parametersMayComeBetweenOtherNodes() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.parameter(TensorType.of(DType.F32, 2));
        Value one = b.full(Shape.of(2), DType.F32, 1.0);
        Value y = b.parameter(TensorType.of(DType.F32, 2));
        Graph g = b.build(b.add(b.add(x, one), y));
        assertEquals("""
                graph(%0: f32[2], %2: f32[2]) {
                  %1 = full() {dtype=f32, shape=[2], value=1.0} : f32[2]
                  %3 = add(%0, %1) : f32[2]
                  %4 = add(%3, %2) : f32[2]
                  return (%4)
                }
                """, GraphText.print(g));
        Graph back = roundTrip(g);
        assertEquals(List.of(back.value(0), back.value(2)), back.parameters());
    }

    @Test
    void namesPrintAndParseButTakeNoPartInEquality() {
        GraphBuilder b = new GraphBuilder();
        Value x = b.named(b.parameter(TensorType.of(DType.F32, 2)), "x");
        Value y;
        try (var _ = b.scope("layer1")) {
            y = b.exp(b.neg(x));
            b.named(y, "out \"quoted\"\\");
        }
        Value w = b.literal(HostArray.fromDoubles(DType.F32, Shape.of(2), 1, 2));
        Graph g = b.build(b.add(y, w));
        assertEquals("""
                graph(%0: f32[2] "x") {
                  %1 = neg(%0) : f32[2] "layer1/neg"
                  %2 = exp(%1) : f32[2] "layer1/out \\"quoted\\"\\\\"
                  %3 = literal f32[2] [1.0, 2.0]
                  %4 = add(%2, %3) : f32[2]
                  return (%4)
                }
                """, GraphText.print(g));
        roundTrip(g);
        Graph unnamed = GraphText.parse(GraphText.print(g).replaceAll(" \".*\"", ""));
        assertEquals(g, unnamed);
        assertEquals(g.hashCode(), unnamed.hashCode());
    }

    @Test
    void parserAcceptsFreeWhitespace() {
        Graph g = GraphText.parse("graph ( %0 : f32 [ 2 ] ) { %1 = reduce_sum ( %0 ) { axes = [ 0 ] , keep_dims = false } : f32[ ]\n"
                + "%2=literal i32[2][1,2] return(%1,%2)}");
        assertEquals("""
                graph(%0: f32[2]) {
                  %1 = reduce_sum(%0) {axes=[0], keep_dims=false} : f32[]
                  %2 = literal i32[2] [1, 2]
                  return (%1, %2)
                }
                """, GraphText.print(g));
    }
}
