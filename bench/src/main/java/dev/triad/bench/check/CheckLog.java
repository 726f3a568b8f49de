package dev.triad.bench.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where benchmark trials record that their check passed (with its errors), failed or was
 * skipped. Each line is {@code status TAB benchmark TAB params TAB detail}; params are the
 * trial's JMH parameters sorted by name ({@link #key}), so the report can join a line to the
 * timing of the same trial. The file is named by the system property {@value #PROPERTY}, which
 * the runner passes to every fork; without it lines go to standard error only.
 */
public final class CheckLog {
    private CheckLog() {}

    /** The system property naming the log file. */
    public static final String PROPERTY = "triad.bench.checkLog";

    /** A trial's status. */
    public enum Status {
        /** The output matched the reference. */ OK,
        /** The output did not match: no time is reported. */ FAIL,
        /** The combination cannot run here (backend missing, primitive unsupported). */ SKIP
    }

    /**
     * One line of the log.
     *
     * @param status what happened
     * @param benchmark the benchmark class's simple name
     * @param params the parameters, {@link #key} form
     * @param detail the check's summary or the reason
     */
    public record Entry(Status status, String benchmark, String params, String detail) {}

    /** Parameters as {@code k1=v1,k2=v2}, keys sorted. */
    public static String key(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (!sb.isEmpty()) sb.append(',');
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    /** Records a passed check and returns the outcome. */
    public static CheckOutcome passed(String benchmark, Map<String, String> params, CheckOutcome outcome) {
        write(Status.OK, benchmark, key(params), outcome.summary());
        return outcome;
    }

    /** Records a failed check. */
    public static void failed(String benchmark, Map<String, String> params, String reason) {
        write(Status.FAIL, benchmark, key(params), reason);
    }

    /** Records a skipped trial ({@code params} already in {@link #key} form). */
    public static void skipped(String benchmark, String params, String reason) {
        write(Status.SKIP, benchmark, params, reason);
    }

    private static synchronized void write(Status s, String benchmark, String params, String detail) {
        String line = s + "\t" + benchmark + "\t" + params + "\t" + detail.replace('\t', ' ').replace('\n', ' ');
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            System.err.println("triad-bench: " + line);
            return;
        }
        try {
            Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("triad-bench: cannot write the check log " + file + " (" + e.getMessage() + "): " + line);
        }
    }

    /** Reads a log written by the forks; a missing file is an empty log. */
    public static List<Entry> read(Path file) throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", 4);
            if (f.length < 4) continue;
            try {
                out.add(new Entry(Status.valueOf(f[0]), f[1], f[2], f[3]));
            } catch (IllegalArgumentException e) {
                // A line from a newer or older writer: ignore it rather than lose the report.
            }
        }
        return out;
    }
}
