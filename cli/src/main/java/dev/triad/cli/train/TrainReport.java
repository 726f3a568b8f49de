package dev.triad.cli.train;

import dev.triad.spi.io.AtomicFiles;
import dev.triad.spi.io.JsonWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run's report into a directory: {@code curves.svg} (training loss and accuracy over
 * steps, test results per epoch), {@code report.html} (the curve, the settings and a table of
 * epochs; one self-contained file) and {@code metrics.json} (the same numbers for scripts).
 */
public final class TrainReport {
    /** The SVG file's name. */
    public static final String SVG = "curves.svg";
    /** The HTML file's name. */
    public static final String HTML = "report.html";
    /** The JSON file's name. */
    public static final String JSON = "metrics.json";

    private TrainReport() {}

    /** Writes the three files into {@code dir}; returns the HTML page's path. */
    public static Path write(Path dir, TrainResult r) throws IOException {
        String svg = svg(r);
        AtomicFiles.write(dir.resolve(SVG), out -> out.write(svg.getBytes(StandardCharsets.UTF_8)));
        String html = html(r, svg);
        AtomicFiles.write(dir.resolve(HTML), out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
        String json = json(r);
        AtomicFiles.write(dir.resolve(JSON), out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
        return dir.resolve(HTML);
    }

    static String svg(TrainResult r) {
        List<TrainHistory.Point> pts = r.history().points();
        List<TrainHistory.Epoch> eps = r.history().epochs();
        double[] steps = new double[pts.size()], loss = new double[pts.size()], acc = new double[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            steps[i] = pts.get(i).step();
            loss[i] = pts.get(i).loss();
            acc[i] = 100 * pts.get(i).accuracy();
        }
        double[] eStep = new double[eps.size()], eLoss = new double[eps.size()], eAcc = new double[eps.size()];
        for (int i = 0; i < eps.size(); i++) {
            eStep[i] = eps.get(i).step();
            eLoss[i] = eps.get(i).testLoss();
            eAcc[i] = 100 * eps.get(i).testAccuracy();
        }
        String title = r.options().model().id() + " on " + r.options().dataset().title();
        String lossPanel = SvgChart.panel(0, 0, 480, 340, "Loss — " + title, "step", "cross-entropy",
                List.of(new SvgChart.Series("train (window mean)", "#1f77b4", steps, loss, false),
                        new SvgChart.Series("test (per epoch)", "#d62728", eStep, eLoss, true)), 0, Double.NaN);
        double lowest = 100;
        for (double a : acc) lowest = Math.min(lowest, a);
        for (double a : eAcc) lowest = Math.min(lowest, a);
        String accPanel = SvgChart.panel(480, 0, 480, 340, "Accuracy — " + title, "step", "accuracy (%)",
                List.of(new SvgChart.Series("train (window)", "#1f77b4", steps, acc, false),
                        new SvgChart.Series("test (per epoch)", "#d62728", eStep, eAcc, true)), Math.max(0, Math.floor(lowest / 10) * 10), 100);
        return SvgChart.document(960, 340, lossPanel, accPanel);
    }

    static String html(TrainResult r, String svg) {
        TrainOptions o = r.options();
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>triad train: ")
                .append(SvgChart.esc(o.model().id() + " on " + o.dataset().title())).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
                        + "td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}th{background:#f4f4f4}"
                        + "td.k{text-align:left;font-weight:bold}</style></head><body>\n");
        b.append("<h1>triad train: ").append(SvgChart.esc(o.model().id() + " on " + o.dataset().title())).append("</h1>\n");
        double acc = r.finalTestAccuracy();
        b.append("<p>").append(Double.isNaN(acc) ? "No epoch finished." : String.format(Locale.ROOT, "Final test accuracy: <b>%.2f%%</b>.", 100 * acc))
                .append(r.stoppedEarly() ? " Stopped early at step " + r.steps() + " (--max-steps)." : "").append("</p>\n");
        b.append(svg);
        b.append("<h2>Settings</h2>\n<table>\n");
        for (Map.Entry<String, String> e : settings(r).entrySet()) {
            b.append("<tr><td class=\"k\">").append(SvgChart.esc(e.getKey())).append("</td><td style=\"text-align:left\">")
                    .append(SvgChart.esc(e.getValue())).append("</td></tr>\n");
        }
        b.append("</table>\n<h2>Epochs</h2>\n<table>\n<tr><th>epoch</th><th>steps</th><th>train loss</th><th>train acc.</th>"
                + "<th>test loss</th><th>test acc.</th><th>time (s)</th><th>steps/s</th></tr>\n");
        for (TrainHistory.Epoch e : r.history().epochs()) {
            b.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%d</td><td>%.4f</td><td>%.2f%%</td><td>%.4f</td><td>%.2f%%</td><td>%.1f</td><td>%.1f</td></tr>%n",
                    e.epoch(), e.step(), e.trainLoss(), 100 * e.trainAccuracy(), e.testLoss(), 100 * e.testAccuracy(), e.seconds(), e.stepsPerSecond()));
        }
        b.append("</table>\n</body></html>\n");
        return b.toString();
    }

    static Map<String, String> settings(TrainResult r) {
        TrainOptions o = r.options();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", o.model().id() + " (" + o.model().description() + ", " + r.parameters() + " parameters)");
        m.put("dataset", o.dataset().title() + " (" + r.trainExamples() + " training examples" + (o.limit() > 0 ? ", --limit " + o.limit() : "") + ")");
        m.put("backend", r.backend() + " / " + r.device());
        m.put("optimizer", "Adam, lr " + o.lr());
        m.put("batch size", Integer.toString(o.batchSize()));
        m.put("epochs", Integer.toString(o.epochs()));
        m.put("seed", Long.toString(o.seed()));
        m.put("steps", Long.toString(r.steps()));
        if (o.checkpoint() != null) m.put("checkpoint", o.checkpoint().toString());
        return m;
    }

    static String json(TrainResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> s = new LinkedHashMap<>(settings(r));
        m.put("settings", s);
        double acc = r.finalTestAccuracy();
        m.put("final_test_accuracy", Double.isNaN(acc) ? null : acc);
        m.put("steps", r.steps());
        m.put("history", dev.triad.spi.io.JsonReader.parse(r.history().toJson()));
        return JsonWriter.write(m) + "\n";
    }
}
