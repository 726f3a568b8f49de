package dev.triad.conformance.report;

import dev.triad.conformance.check.CaseDetail;
import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Status;
import dev.triad.conformance.tck.MiniJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three writers on a small hand-made report, including text that must be escaped and numbers JSON cannot hold. */
class ReportWritersTest {
    private static final CheckResult PASS = new CheckResult("b", "add", "forward f32", Status.PASS, 4, 1e-7, 2e-5, List.of());
    private static final CheckResult FAIL = new CheckResult("b", "sub", "forward f32", Status.FAIL, 2, Double.POSITIVE_INFINITY, 0,
            List.of("[3]: 3 of 3 element(s) differ"), List.of(new CaseDetail("[3]", List.of("f32[3]", "f32[3]"), "f32[3] at [0]: *1*, 2, 3",
            "f32[3] at [0]: *-1*, -2, -3", "3 of 3 element(s) differ; got [-1.0, -2.0, -3.0], expected [1.0, 2.0, 3.0]")));
    private static final CheckResult UNSUPPORTED = new CheckResult("b", "<script>x</script>", "forward f16", Status.UNSUPPORTED, 1, 0, 0,
            List.of("[2]: declared unsupported: no f16 | kernels \"yet\""));
    private static final CheckResult NA = new CheckResult("b", "eq", "declared non-differentiable", Status.NOT_APPLICABLE, 2, 0, 0,
            List.of("declared non-differentiable"));

    private static ConformanceReport report() {
        BackendRun b = new BackendRun("b", "class path", false, true, "1 device", List.of("b:0  test device"), List.of(PASS, FAIL, UNSUPPORTED, NA), 1234);
        BackendRun off = new BackendRun("gpu", "class path", false, false, "no driver", List.of(), List.of(), 1);
        return new ConformanceReport(Instant.parse("2026-01-02T03:04:05Z"), 2000, "./triad conformance", "./triad conformance --backend {backend} --filter {filter}",
                Map.of("cores", "2"), List.of(), List.of("functional"), List.of(b, off));
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonIsWellFormedAndKeepsEveryResult() {
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(JsonReport.render(report()));
        assertEquals(JsonReport.SCHEMA, root.get("schema"));
        assertEquals("FAIL", root.get("verdict"));
        List<Map<String, Object>> backends = (List<Map<String, Object>>) root.get("backends");
        assertEquals(2, backends.size());
        assertEquals(false, backends.get(1).get("available"));
        List<Map<String, Object>> results = (List<Map<String, Object>>) backends.get(0).get("results");
        assertEquals(4, results.size());
        Map<String, Object> fail = results.get(1);
        assertEquals("inf", fail.get("maxError"));
        assertEquals("./triad conformance --backend b --filter 'sub/forward f32'", fail.get("rerun"));
        assertEquals("forward", fail.get("family"));
        assertEquals("f32", fail.get("dtype"));
        assertEquals(1.0, ((Map<String, Object>) backends.get(0).get("summary")).get("notApplicable"));
    }

    @Test
    void markdownLeadsWithTheVerdictAndEscapesTableCells() {
        String md = MarkdownReport.render(report());
        assertTrue(md.startsWith("# Triad conformance report\n\n**FAIL**: 1 failing check on 1 of 2 backends."), md.substring(0, 120));
        assertTrue(md.contains("| gpu | ⚪ UNAVAILABLE: no driver |"), md);
        assertTrue(md.contains("### b · sub · forward f32"), md);
        assertTrue(md.contains("- `[3]` with inputs `f32[3]`, `f32[3]`: 3 of 3 element(s) differ\n"), md);
        assertTrue(md.contains("  - expected `f32[3] at [0]: *1*, 2, 3`"), md);
        assertTrue(md.contains("| <script>x</script> | all 1 check | [1] |"), md);
        assertTrue(md.contains("1. no f16 | kernels \"yet\""), md);
    }

    @Test
    void htmlIsSelfContainedAndEscapesWhatItShows() {
        String html = HtmlReport.render(report());
        assertTrue(html.contains("&lt;script&gt;x&lt;/script&gt;"), "unescaped op name");
        assertFalse(html.contains("<script>x</script>"), "unescaped op name");
        assertTrue(html.contains("no f16 | kernels &quot;yet&quot;"), "unescaped reason");
        assertTrue(html.contains("id=\"f-0-1\""), "no failure entry");
        assertTrue(html.contains("./triad conformance --backend b --filter &#39;sub/forward f32&#39;"), "no rerun command");
        assertFalse(html.contains("<link") || html.contains("src=\""), "external assets");
        assertEquals(1, html.split("<script>", -1).length - 1, "exactly the one inline script");
    }

    @Test
    void allThreeAreWrittenSideBySide(@TempDir Path dir) throws IOException {
        List<Path> files = Reports.write(report(), dir.resolve("out"));
        assertEquals(List.of(Reports.HTML, Reports.MARKDOWN, Reports.JSON), files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path f : files) assertTrue(Files.size(f) > 500, f + " is nearly empty");
    }

    @Test
    void theMatrixGroupsChecksByFamilyWithADtypePerEntry() {
        Matrix m = Matrix.of(report().backends().get(0));
        // The gradient family has one row only, so it goes to the catch-all column.
        assertEquals(List.of("forward", Matrix.OTHER), m.families());
        assertEquals(List.of("add", "sub", "<script>x</script>", "eq"), m.rows().stream().map(Matrix.Row::op).toList());
        assertEquals("f32", m.rows().get(0).cell("forward").get(0).dtype());
        assertEquals(Status.NOT_APPLICABLE, m.rows().get(3).cell(Matrix.OTHER).get(0).result().status());
        assertEquals("eager backward() vs finite differences", Matrix.family("eager backward() vs finite differences: 2x2"));
    }
}
