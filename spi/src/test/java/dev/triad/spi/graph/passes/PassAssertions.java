package dev.triad.spi.graph.passes;

import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphPass;
import dev.triad.spi.graph.GraphText;
import dev.triad.spi.graph.GraphVerifier;
import dev.triad.spi.graph.PassPipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Before/after checks in the stable text form, with the verifier run on the result. */
final class PassAssertions {
    private PassAssertions() {}

    /** Runs {@code pass} (under a verifying pipeline) on {@code before} and compares the text of the result with {@code after}. */
    static Graph assertRewrites(GraphPass pass, String before, String after) {
        Graph g = GraphText.parse(before);
        Graph out = PassPipeline.of(pass).apply(g);
        GraphVerifier.verify(out);
        assertEquals(after, GraphText.print(out));
        assertSame(out, pass.apply(out), pass.name() + " should find nothing more to do on its own result");
        return out;
    }

    /** Asserts that {@code pass} leaves {@code text} alone and returns the very same graph. */
    static void assertUnchanged(GraphPass pass, String text) {
        Graph g = GraphText.parse(text);
        assertSame(g, pass.apply(g));
    }
}
