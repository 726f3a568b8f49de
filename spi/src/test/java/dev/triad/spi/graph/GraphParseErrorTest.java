package dev.triad.spi.graph;

import dev.triad.spi.error.GraphException;
import dev.triad.spi.error.ShapeException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphParseErrorTest {
    /** Parses a graph whose second line is {@code line}, expecting an error that contains each of {@code parts}. */
    private static GraphException fails(String line, String... parts) {
        return failsText("graph(%0: f32[2], %1: f32[3]) {\n" + line + "\n  return (%0)\n}\n", parts);
    }

    private static GraphException failsText(String text, String... parts) {
        GraphException e = assertThrows(GraphException.class, () -> GraphText.parse(text));
        for (String p : parts) assertTrue(e.getMessage().contains(p), () -> "expected '" + p + "' in:\n" + e.getMessage());
        return e;
    }

    @Test
    void unknownOp() {
        GraphException e = fails("  %2 = addd(%0, %0) : f32[2]", "line 2, column 8: unknown op 'addd'");
        // The message shows the line and points at the column.
        assertTrue(e.getMessage().endsWith("  %2 = addd(%0, %0) : f32[2]\n         ^"), e.getMessage());
    }

    @Test
    void undefinedValues() {
        fails("  %2 = neg(%7) : f32[2]", "line 2, column 12: value %7 is not defined before this use");
        fails("  %2 = neg(%2) : f32[2]", "value %2 is not defined before this use");
        failsText("graph(%0: f32[2]) {\n  return (%1)\n}", "line 2, column 11: value %1 is not defined");
    }

    @Test
    void idsMustBeDenseAndInOrder() {
        fails("  %3 = neg(%0) : f32[2]", "line 2, column 3: expected %2 next (ids are dense and in order), got %3");
        fails("  %1 = neg(%0) : f32[2]", "%1 is already defined");
        failsText("graph(%1: f32[2], %0: f32[2]) {\n  return ()\n}", "parameters are listed in increasing id order");
        failsText("graph(%0: f32[2], %5: f32[2]) {\n  return ()\n}", "parameter %5 leaves %1 undefined");
    }

    @Test
    void badAttributes() {
        fails("  %2 = reduce_sum(%0) {axis=[0], keep_dims=false} : f32[]",
                "line 2, column 24: unknown attribute 'axis' for reduce_sum; expected axes, keep_dims");
        fails("  %2 = reduce_sum(%0) {axes=[x], keep_dims=false} : f32[]",
                "line 2, column 29: bad value '[x]' for attribute 'axes' (int[]) of reduce_sum");
        fails("  %2 = reduce_sum(%0) {axes=[0], keep_dims=yes} : f32[]",
                "bad value 'yes' for attribute 'keep_dims' (boolean) of reduce_sum: expected true or false");
        fails("  %2 = reduce_sum(%0) {axes=[0]} : f32[]", "line 2, column 8: reduce_sum: missing attribute 'keep_dims'");
        fails("  %2 = neg(%0) {axes=[0]} : f32[2]", "unknown attribute 'axes' for neg; it takes none");
        fails("  %2 = reduce_sum(%0) {axes=[0], axes=[0], keep_dims=false} : f32[]", "attribute 'axes' is given twice");
        fails("  %2 = reduce_sum(%0) {axes=, keep_dims=false} : f32[]", "expected a value for attribute 'axes'");
    }

    @Test
    void typeMismatchAgainstTheShapeRule() {
        fails("  %2 = neg(%0) : f32[3]", "line 2, column 18: type mismatch: neg gives f32[2] but the text declares f32[3]");
        fails("  %2 = neg(%0) : f64[2]", "neg gives f32[2] but the text declares f64[2]");
    }

    @Test
    void shapeRuleErrorsKeepTheOpsTypedCause() {
        GraphException e = fails("  %2 = add(%0, %1) : f32[2]", "line 2, column 8: add:");
        assertInstanceOf(ShapeException.class, e.getCause());
        fails("  %2 = add(%0) : f32[2]", "add: got 1 input(s); expected 2");
    }

    @Test
    void badLiterals() {
        fails("  %2 = literal f32[2] [1.0]", "line 2, column 27: literal f32[2] needs 2 value(s), got 1");
        fails("  %2 = literal f32[2] [1.0, 2.0, 3.0]", "line 2, column 34: literal f32[2] holds 2 value(s); more are given");
        fails("  %2 = literal f32[2] [1.0, x]", "line 2, column 29: bad f32 value: expected a number, inf, -inf or nan, got 'x'");
        fails("  %2 = literal u8[1] [256]", "bad u8 value: value 256 does not fit u8 (0 to 255)");
        fails("  %2 = literal i32[1] [1.5]", "expected an integer for i32, got '1.5'");
        fails("  %2 = literal bool[1] [1]", "expected true or false, got '1'");
        fails("  %2 = literal f32[1] [nan(0x3f800000)]", "bits 0x3f800000 are not a NaN of f32");
        fails("  %2 = literal f16[1] [nan(0x7fc00000)]", "do not fit f16");
        fails("  %2 = literal f32[2] []", "literal f32[2] needs 2 value(s), got 0");
    }

    @Test
    void syntaxErrors() {
        fails("  %2 = neg(%0) f32[2]", "line 2, column 16: expected ':', got 'f32[2]'");
        fails("  %2 = neg(%0) : f31[2]", "line 2, column 18: unknown dtype 'f31'");
        fails("  %2 = neg(%0 : f32[2]", "expected ')'");
        fails("  %2 = neg(x) : f32[2]", "expected a value like %3, got 'x)'");
        fails("  %2 = neg(%0) : f32[2] \"unterminated", "unterminated name string");
        failsText("graph(%0: f32[2]) {\n  return (%0)\n} extra", "line 3, column 3: unexpected text after the graph's closing '}'");
        failsText("graph(%0: f32[2]) {\n  %1 = neg(%0) : f32[2]\n", "expected a statement or 'return', got the end of the text");
        failsText("grph() {}", "line 1, column 1: expected 'graph', got 'grph()'");
    }
}
