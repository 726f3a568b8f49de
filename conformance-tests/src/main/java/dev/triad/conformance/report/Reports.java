package dev.triad.conformance.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the three forms of a report side by side, and describes the machine for them. */
public final class Reports {
    private Reports() {}

    /** The HTML report's file name. */
    public static final String HTML = "conformance.html";
    /** The Markdown report's file name. */
    public static final String MARKDOWN = "conformance.md";
    /** The JSON report's file name. */
    public static final String JSON = "conformance.json";

    /**
     * Writes {@link #HTML}, {@link #MARKDOWN} and {@link #JSON} into {@code dir} (created when
     * missing; earlier reports there are replaced).
     *
     * @return the files written, in that order
     */
    public static List<Path> write(ConformanceReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path html = dir.resolve(HTML), md = dir.resolve(MARKDOWN), json = dir.resolve(JSON);
        Files.writeString(html, HtmlReport.render(report));
        Files.writeString(md, MarkdownReport.render(report));
        Files.writeString(json, JsonReport.render(report));
        return List.of(html, md, json);
    }

    /** Java, OS and processor facts for a report's header. */
    public static Map<String, String> environment() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        m.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        return m;
    }
}
