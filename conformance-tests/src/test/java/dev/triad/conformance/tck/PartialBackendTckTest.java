package dev.triad.conformance.tck;

import dev.triad.conformance.report.Reports;
import dev.triad.conformance.run.Frontends;
import dev.triad.conformance.run.Selection;
import dev.triad.conformance.spec.OpDatabase;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.triad.conformance.tck.DynamicTreeRunner.Kind.ABORTED;
import static dev.triad.conformance.tck.DynamicTreeRunner.Kind.FAILED;
import static dev.triad.conformance.tck.DynamicTreeRunner.Kind.PASSED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TCK on {@link PartialBackend}, run the way JUnit runs a third party's {@link BackendTck}:
 * its unsupported ops must be skipped with its reason (never passed), its wrong {@code sub}
 * must fail with the cases and the command that reruns them, its correct elementwise ops must
 * pass, and the three reports must say all of this.
 */
class PartialBackendTckTest {
    private static final String ROOT = "backend " + PartialBackend.NAME + "/";

    private static Map<String, DynamicTreeRunner.Outcome> outcomes;
    private static Map<String, Object> json;
    private static String markdown;
    private static String html;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void runTheTck(@TempDir Path dir) throws IOException {
        outcomes = DynamicTreeRunner.run(Tck.tests(new PartialBackendProvider(), Selection.ALL, Frontends.all(), dir));
        json = (Map<String, Object>) MiniJson.parse(Files.readString(dir.resolve(Reports.JSON)));
        markdown = Files.readString(dir.resolve(Reports.MARKDOWN));
        html = Files.readString(dir.resolve(Reports.HTML));
    }

    private static DynamicTreeRunner.Outcome outcome(String op, String check) {
        DynamicTreeRunner.Outcome o = outcomes.get(ROOT + op + "/" + check);
        assertNotNull(o, () -> "no test " + op + "/" + check + " among " + outcomes.size());
        return o;
    }

    @Test
    void wrongSubFailsWithTheCommandThatRerunsIt() {
        for (String check : List.of("forward f32", "forward f64", "forward i32", "non-contiguous inputs", "gradient (jvp, vjp)")) {
            DynamicTreeRunner.Outcome o = outcome("sub", check);
            assertEquals(FAILED, o.kind(), check + ": " + o.message());
            assertTrue(o.message().contains("rerun just this: mvn test -Dtriad.conformance.filter='sub/" + check + "'"), o.message());
        }
    }

    @Test
    void opsTheBackendDoesNotImplementAreSkippedWithItsReasonNeverPassed() {
        List<String> checked = new ArrayList<>();
        for (OpSpec spec : OpDatabase.all()) {
            Primitive p = spec.primitive();
            if (p.isComposite() || PartialBackend.IMPLEMENTED.contains(p.category())) continue;
            for (var t : spec.dtypes()) {
                DynamicTreeRunner.Outcome o = outcome(p.name(), "forward " + t);
                assertEquals(ABORTED, o.kind(), p.name() + " " + t + ": " + o.message());
                assertTrue(o.message().contains("UNSUPPORTED") && o.message().contains(PartialBackend.REASON), o.message());
            }
            checked.add(p.name());
        }
        assertTrue(checked.containsAll(List.of("reduce_sum", "matmul", "reshape", "gather", "random_bits")), checked.toString());
    }

    @Test
    void elementwiseOpsOtherThanSubPass() {
        int passed = 0;
        for (OpSpec spec : OpDatabase.all()) {
            Primitive p = spec.primitive();
            if (p == Prims.SUB || p.isComposite() || !PartialBackend.IMPLEMENTED.contains(p.category())) continue;
            for (var t : spec.dtypes()) {
                DynamicTreeRunner.Outcome o = outcome(p.name(), "forward " + t);
                assertEquals(PASSED, o.kind(), p.name() + " " + t + ": " + o.message());
                passed++;
            }
        }
        assertTrue(passed > 100, "only " + passed + " forward checks of elementwise ops");
        // Derivative rules that do not use sub pass too (neg's and exp's VJPs are products).
        assertEquals(PASSED, outcome("neg", "gradient (jvp, vjp)").kind());
        assertEquals(PASSED, outcome("exp", "gradient (jvp, vjp)").kind());
        assertEquals(PASSED, outcomes.get(ROOT + "all device memory released; backend closes").kind());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJsonReportNamesTheFailingCasesWithShapesAndExcerpts() {
        assertEquals("FAIL", json.get("verdict"));
        Map<String, Object> backend = ((List<Map<String, Object>>) json.get("backends")).get(0);
        assertEquals(PartialBackend.NAME, backend.get("name"));
        Map<String, Object> summary = (Map<String, Object>) backend.get("summary");
        assertTrue((Double) summary.get("fail") > 0 && (Double) summary.get("unsupported") > 0 && (Double) summary.get("pass") > 0, summary.toString());
        Map<String, Object> sub = result(backend, "sub", "forward f32");
        assertEquals("FAIL", sub.get("status"));
        assertEquals("sub/forward f32", sub.get("filter"));
        Map<String, Object> detail = ((List<Map<String, Object>>) sub.get("details")).get(0);
        assertEquals(List.of("f32[3,5]", "f32[3,5]"), detail.get("inputs"));
        assertTrue(((String) detail.get("expected")).startsWith("f32[3,5] at ["), detail.toString());
        assertNotEquals(detail.get("expected"), detail.get("actual"));
        Map<String, Object> reduce = result(backend, "reduce_sum", "forward f32");
        assertEquals("UNSUPPORTED", reduce.get("status"));
        assertTrue(reduce.get("problems").toString().contains(PartialBackend.REASON), reduce.toString());
        assertEquals("PASS", result(backend, "add", "forward f32").get("status"));
    }

    @Test
    void theMarkdownAndHtmlReportsNameTheUnsupportedAndFailingCases() {
        assertTrue(markdown.contains("**FAIL**"), markdown.substring(0, 300));
        assertTrue(markdown.contains("### partial · sub · forward f32"), "no section for sub");
        assertTrue(markdown.contains("`mvn test -Dtriad.conformance.filter='sub/forward f32'`"), "no rerun command for sub");
        assertTrue(markdown.matches("(?s).*\\| reduce_sum \\| \\d+ of \\d+ checks \\| \\[\\d+\\].*"), "reduce_sum is not listed as unsupported");
        assertTrue(markdown.contains(PartialBackend.REASON), "the backend's reason is missing");
        assertTrue(markdown.contains("| sub | ❌ | ❌ | ❌ |"), "sub is not in the matrix of ops with problems");
        assertTrue(markdown.length() < 65_536, "too long for a pull-request comment: " + markdown.length());
        assertTrue(html.contains("partial · sub · forward f32"), "no failure entry for sub");
        assertTrue(html.contains(PartialBackend.REASON), "the backend's reason is missing from the HTML");
        // Self-contained: nothing is fetched from elsewhere.
        assertFalse(html.contains("<link") || html.contains("src=\"http") || html.contains("@import"), "the HTML loads external assets");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(Map<String, Object> backend, String op, String check) {
        for (Map<String, Object> r : (List<Map<String, Object>>) backend.get("results")) {
            if (op.equals(r.get("op")) && check.equals(r.get("check"))) return r;
        }
        throw new AssertionError("no result " + op + "/" + check);
    }
}
