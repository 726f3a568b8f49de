package dev.triad.conformance.check;

import java.util.List;

/**
 * What one check found, in a form reports can print: the status, the worst error seen and the
 * tolerance it was held to, and one line per case that did not pass.
 *
 * @param target the target's name, e.g. {@code cpu}
 * @param op the op's name (or a topic such as {@code rng})
 * @param check the check's name, e.g. {@code forward f32}
 * @param status the outcome
 * @param cases how many cases ran
 * @param maxError the largest error of the worst case (0 when nothing numeric was compared)
 * @param tolerance the tolerance that case was held to
 * @param problems one line per failed or unsupported case
 */
public record CheckResult(String target, String op, String check, Status status, int cases, double maxError, double tolerance,
                          List<String> problems) {
    /** Copies the problem list. */
    public CheckResult {
        problems = List.copyOf(problems);
    }

    /** A result with no cases that does not apply, with the reason. */
    public static CheckResult notApplicable(String target, String op, String check, String reason) {
        return new CheckResult(target, op, check, Status.NOT_APPLICABLE, 0, 0, 0, List.of(reason));
    }

    /** A multi-line summary: status, counts, worst error, then the problems. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(target).append(" / ").append(op).append(" / ").append(check).append(": ").append(status)
                .append(" (").append(cases).append(" case(s)");
        if (maxError > 0 || tolerance > 0) b.append(String.format(", max error %.3g vs tolerance %.3g", maxError, tolerance));
        b.append(')');
        int shown = 0;
        for (String p : problems) {
            if (shown++ == 25) {
                b.append("\n  ... ").append(problems.size() - 25).append(" more");
                break;
            }
            b.append("\n  ").append(p);
        }
        return b.toString();
    }

    @Override
    public String toString() { return summary(); }
}
