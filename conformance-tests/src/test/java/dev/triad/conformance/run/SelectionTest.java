package dev.triad.conformance.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelectionTest {
    @Test
    void noPatternsSelectEverything() {
        assertTrue(Selection.ALL.matches("sub", "forward f32"));
        assertTrue(Selection.of(List.of("", " ")).isAll());
    }

    @Test
    void anOpAloneSelectsAllItsChecks() {
        Selection s = Selection.of(List.of("sub"));
        assertTrue(s.matches("sub", "forward f32"));
        assertTrue(s.matches("SUB", "gradient (jvp, vjp)"));
        assertFalse(s.matches("subtract", "forward f32"));
    }

    @Test
    void opSlashCheckSelectsOneCheckExactlyAsReportsPrintIt() {
        Selection s = Selection.of(List.of("sub/forward f32"));
        assertTrue(s.matches("sub", "forward f32"));
        assertFalse(s.matches("sub", "forward f64"));
        assertTrue(Selection.of(List.of("tanh/gradient (jvp, vjp)")).matches("tanh", "gradient (jvp, vjp)"));
    }

    @Test
    void wildcardsMatchRunsAndSingleCharacters() {
        Selection s = Selection.of(List.of("reduce_*/forward f?4", "*/rng*"));
        assertTrue(s.matches("reduce_sum", "forward f64"));
        assertFalse(s.matches("reduce_sum", "forward f32"));
        assertTrue(s.matches("rng", "rng (threefry, split)"));
        assertFalse(s.matches("add", "forward f64"));
    }

    @Test
    void aPatternWithoutAnOpIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Selection.of(List.of("/forward f32")));
    }

    @Test
    void thePropertySeparatesPatternsWithSemicolonsBecauseCheckNamesHaveCommas() {
        String old = System.getProperty(Selection.PROPERTY);
        try {
            System.setProperty(Selection.PROPERTY, "tanh/gradient (jvp, vjp);add");
            Selection s = Selection.fromSystemProperty();
            assertTrue(s.matches("tanh", "gradient (jvp, vjp)"));
            assertTrue(s.matches("add", "batching"));
            assertFalse(s.matches("tanh", "batching"));
        } finally {
            if (old == null) System.clearProperty(Selection.PROPERTY);
            else System.setProperty(Selection.PROPERTY, old);
        }
    }
}
