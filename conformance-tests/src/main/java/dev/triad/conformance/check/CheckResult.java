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
 * @param details the first few failed cases in detail (input types, expected and actual excerpts), for reports
 */
public record CheckResult(String target, String op, String check, Status status, int cases, double maxError, double tolerance,
                          List<String> problems, List<CaseDetail> details) {
    /** Copies the lists. */
    public CheckResult {
        problems = List.copyOf(problems);
        details = List.copyOf(details);
    }

    /** A result without case details. */
    public CheckResult(String target, String op, String check, Status status, int cases, double maxError, double tolerance,
                       List<String> problems) {
        this(target, op, check, status, cases, maxError, tolerance, problems, List.of());
    }

    /**
     * The filter that selects just this check when the suite is run again: {@code op/check},
     * e.g. {@code sub/forward f32} (see {@code dev.triad.conformance.run.Selection}).
     */
    public String filter() { return op + "/" + check; }

    /** This result under another identity, everything else kept (runners use it to name results by their plan). */
    public CheckResult renamed(String newTarget, String newOp, String newCheck) {
        return new CheckResult(newTarget, newOp, newCheck, status, cases, maxError, tolerance, problems, details);
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
