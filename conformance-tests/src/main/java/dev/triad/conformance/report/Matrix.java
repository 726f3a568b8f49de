package dev.triad.conformance.report;

import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.GradientCheck;
import dev.triad.spi.types.DType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One backend's results laid out as op × check × dtype: a row per op (or topic), a column per
 * check family ({@code forward}, {@code gradient (jvp, vjp)}, ...), and in each cell one entry
 * per dtype the family ran in (a single entry for checks that are not per dtype). Families
 * that only one row has (the rng check, a front-end's check of one layer) share the column
 * {@link #OTHER}, so that the matrix stays as wide as the suite's kinds of check, not its
 * number of checks. Columns and rows keep the order the suite ran them in.
 *
 * @param families the columns
 * @param rows the rows
 */
public record Matrix(List<String> families, List<Row> rows) {
    /** The column of families that only one row has. */
    public static final String OTHER = "other checks";

    /**
     * One result in a cell.
     *
     * @param dtype the dtype's short name for a per-dtype check, else empty
     * @param result the result
     */
    public record Entry(String dtype, CheckResult result) {}

    /**
     * One op's results by family.
     *
     * @param op the op or topic
     * @param cells the entries of each family it has (absent families have no key)
     */
    public record Row(String op, Map<String, List<Entry>> cells) {
        /** The entries of {@code family}, empty when the op has none. */
        public List<Entry> cell(String family) { return cells.getOrDefault(family, List.of()); }
    }

    /** Lays out {@code run}'s results. */
    public static Matrix of(BackendRun run) {
        Map<String, Set<String>> rowsOfFamily = new LinkedHashMap<>();
        for (CheckResult r : run.results()) rowsOfFamily.computeIfAbsent(family(r.check()), k -> new LinkedHashSet<>()).add(r.op());
        long rowCount = run.results().stream().map(CheckResult::op).distinct().count();
        Set<String> families = new LinkedHashSet<>();
        Map<String, Map<String, List<Entry>>> rows = new LinkedHashMap<>();
        for (CheckResult r : run.results()) {
            String family = family(r.check());
            // With only a row or two (a filtered run) every family keeps its own column.
            String column = rowsOfFamily.get(family).size() > 1 || rowCount <= 2 ? family : OTHER;
            families.add(column);
            rows.computeIfAbsent(r.op(), k -> new LinkedHashMap<>()).computeIfAbsent(column, k -> new ArrayList<>()).add(new Entry(dtype(r.check()), r));
        }
        // The catch-all column goes last.
        if (families.remove(OTHER)) families.add(OTHER);
        List<Row> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Entry>>> e : rows.entrySet()) {
            for (List<Entry> cell : e.getValue().values()) cell.sort(Comparator.comparingInt(x -> dtypeOrder(x.dtype())));
            out.add(new Row(e.getKey(), e.getValue()));
        }
        return new Matrix(List.copyOf(families), out);
    }

    /**
     * The family of a check name: the name without a trailing dtype ({@code forward f32} is in
     * {@code forward}) or a case after a colon ({@code eager backward() vs finite differences: 2x2}
     * is in {@code eager backward() vs finite differences}); an op declared non-differentiable is
     * reported in the gradient column.
     */
    public static String family(String check) {
        if (check.equals(GradientCheck.DECLARED_NONE)) return GradientCheck.NAME;
        int colon = check.indexOf(": ");
        if (colon > 0) return check.substring(0, colon).strip();
        String d = dtype(check);
        return d.isEmpty() ? check : check.substring(0, check.length() - d.length()).strip();
    }

    /**
     * Short column headings, one per family: the part before " vs " (what is checked, not
     * against what) when that is unambiguous, at most 30 characters.
     */
    public List<String> headings() {
        List<String> shortest = families.stream().map(f -> clip(f.contains(" vs ") ? f.substring(0, f.indexOf(" vs ")) : f)).toList();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < families.size(); i++) {
            boolean clash = java.util.Collections.frequency(shortest, shortest.get(i)) > 1;
            out.add(clash ? clip(families.get(i)) : shortest.get(i));
        }
        return out;
    }

    private static String clip(String s) { return s.length() > 30 ? s.substring(0, 29) + "…" : s; }

    /** The column {@code r} is shown in. */
    public String column(CheckResult r) {
        String f = family(r.check());
        return families.contains(f) ? f : OTHER;
    }

    /** The dtype a check name ends with ({@code f32} for {@code forward f32}), or empty. */
    public static String dtype(String check) {
        int space = check.lastIndexOf(' ');
        if (space < 0) return "";
        String last = check.substring(space + 1);
        for (DType t : DType.values()) if (t.shortName().equals(last)) return last;
        return "";
    }

    private static int dtypeOrder(String d) {
        for (DType t : DType.values()) if (t.shortName().equals(d)) return t.ordinal();
        return -1;
    }
}
