package dev.triad.conformance.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which checks to run: patterns {@code OP} (every check of an op) or {@code OP/CHECK} (one
 * check, e.g. {@code sub/forward f32}), compared case-insensitively, where {@code *} matches any
 * run of characters and {@code ?} one character. A check is selected when any pattern matches;
 * no patterns select everything. {@link dev.triad.conformance.check.CheckResult#filter()} gives
 * the pattern that selects exactly one check, which is how reports say how to rerun it.
 */
public final class Selection {
    /** The system property the TCK reads patterns from, separated by {@code ;} (check names contain commas). */
    public static final String PROPERTY = "triad.conformance.filter";

    /** Everything. */
    public static final Selection ALL = new Selection(List.of());

    private record Rule(Pattern op, Pattern check) {}

    private final List<String> patterns;
    private final List<Rule> rules = new ArrayList<>();

    private Selection(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        for (String p : this.patterns) {
            int slash = p.indexOf('/');
            String op = slash < 0 ? p : p.substring(0, slash);
            String check = slash < 0 ? "*" : p.substring(slash + 1);
            rules.add(new Rule(glob(op.strip()), glob(check.strip())));
        }
    }

    /**
     * A selection of {@code patterns} (blank ones are ignored).
     *
     * @throws IllegalArgumentException for a pattern with an empty op part, such as {@code /forward f32}
     */
    public static Selection of(List<String> patterns) {
        List<String> kept = new ArrayList<>();
        for (String p : patterns) {
            if (p == null || p.isBlank()) continue;
            if (p.strip().startsWith("/")) throw new IllegalArgumentException("filter '" + p + "' names no op; write OP/CHECK, or */CHECK for every op");
            kept.add(p.strip());
        }
        return kept.isEmpty() ? ALL : new Selection(kept);
    }

    /** The selection in {@link #PROPERTY}, or everything when it is unset. */
    public static Selection fromSystemProperty() {
        String v = System.getProperty(PROPERTY);
        return v == null ? ALL : of(List.of(v.split(";")));
    }

    /** True when {@code check} of {@code op} is selected. */
    public boolean matches(String op, String check) {
        if (rules.isEmpty()) return true;
        String o = op.toLowerCase(Locale.ROOT), c = check.toLowerCase(Locale.ROOT);
        for (Rule r : rules) if (r.op.matcher(o).matches() && r.check.matcher(c).matches()) return true;
        return false;
    }

    /** True when everything is selected. */
    public boolean isAll() { return rules.isEmpty(); }

    /** The patterns as given. */
    public List<String> patterns() { return patterns; }

    private static Pattern glob(String g) {
        StringBuilder b = new StringBuilder();
        for (char ch : g.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (ch) {
                case '*' -> b.append(".*");
                case '?' -> b.append('.');
                default -> b.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(b.toString(), Pattern.DOTALL);
    }

    @Override
    public String toString() { return rules.isEmpty() ? "all checks" : String.join("; ", patterns); }
}
