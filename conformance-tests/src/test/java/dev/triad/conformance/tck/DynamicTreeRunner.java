package dev.triad.conformance.tck;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Executes a tree of JUnit dynamic tests the way the Jupiter engine does — in order, each test
 * once — and records how each ended, so that a test can look at what the TCK's tests report
 * for a backend that is meant to fail some of them.
 */
final class DynamicTreeRunner {
    private DynamicTreeRunner() {}

    /** How a test ended. */
    enum Kind { PASSED, FAILED, ABORTED }

    /**
     * A test's outcome.
     *
     * @param kind passed, failed, or aborted (JUnit's "skipped")
     * @param message the failure's or abort's message (empty when passed)
     */
    record Outcome(Kind kind, String message) {}

    /** Runs every test under {@code nodes}; keys are display names joined with {@code /}. */
    static Map<String, Outcome> run(Stream<DynamicNode> nodes) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        nodes.forEach(n -> run(n, "", out));
        return out;
    }

    private static void run(DynamicNode node, String parent, Map<String, Outcome> out) {
        String path = parent.isEmpty() ? node.getDisplayName() : parent + "/" + node.getDisplayName();
        if (node instanceof DynamicContainer c) {
            c.getChildren().forEach(child -> run(child, path, out));
            return;
        }
        try {
            ((DynamicTest) node).getExecutable().execute();
            out.put(path, new Outcome(Kind.PASSED, ""));
        } catch (TestAbortedException e) {
            out.put(path, new Outcome(Kind.ABORTED, e.getMessage()));
        } catch (Throwable e) {
            out.put(path, new Outcome(Kind.FAILED, String.valueOf(e.getMessage())));
        }
    }
}
