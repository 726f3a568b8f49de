package dev.triad.cli.train;

import dev.triad.spi.io.JsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainReportTest {
    @TempDir
    Path dir;

    static TrainResult sample() {
        TrainHistory h = new TrainHistory();
        for (int i = 1; i <= 40; i++) h.add(new TrainHistory.Point(i * 10L, 2.0 / i, 1 - 0.5 / i));
        h.add(new TrainHistory.Epoch(1, 200, 0.3, 0.91, 0.1, 0.97, 10000, 12.5, 16));
        h.add(new TrainHistory.Epoch(2, 400, 0.1, 0.97, 0.08, 0.981, 10000, 12.0, 16.7));
        return new TrainResult(TrainOptions.defaults(), "cpu", "cpu:0 <AMD & co>", 123, 6400, 400, false, h);
    }

    @Test
    void writesSvgHtmlAndJson() throws Exception {
        Path html = TrainReport.write(dir, sample());
        String svg = Files.readString(dir.resolve(TrainReport.SVG));
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
        assertTrue(svg.contains("<polyline"), "a curve");
        assertTrue(svg.contains("<circle"), "per-epoch markers");
        String page = Files.readString(html);
        assertTrue(page.contains("Final test accuracy: <b>98.10%</b>"), page);
        assertTrue(page.contains(svg), "the SVG is inlined");
        assertTrue(page.contains("cpu:0 &lt;AMD &amp; co&gt;"), "text is escaped");
        Map<?, ?> json = (Map<?, ?>) JsonReader.parse(Files.readString(dir.resolve(TrainReport.JSON)));
        assertEquals(0.981, json.get("final_test_accuracy"));
        assertEquals(400L, json.get("steps"));
    }

    @Test
    void svgIsWellFormedXml() throws Exception {
        TrainReport.write(dir, sample());
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        var doc = f.newDocumentBuilder().parse(dir.resolve(TrainReport.SVG).toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
    }

    @Test
    void historySurvivesJson() {
        TrainHistory h = sample().history();
        TrainHistory back = TrainHistory.fromJson(h.toJson());
        assertEquals(h.points(), back.points());
        assertEquals(h.epochs(), back.epochs());
    }

    @Test
    void ticksAreRoundNumbers() {
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2, 2.5}, SvgChart.ticks(0.1, 2.3), 1e-12);
        assertArrayEquals(new double[] {0, 200, 400, 600, 800, 1000}, SvgChart.ticks(0, 1000), 1e-9);
    }
}
