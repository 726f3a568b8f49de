package dev.triad.conformance.check;

import dev.triad.spi.error.UnsupportedOpException;

import java.util.ArrayList;
import java.util.List;

/** Collects the cases of one check and turns them into a {@link CheckResult}. */
public final class CaseLog {
    private final String target;
    private final String op;
    private final String check;
    private final List<String> failures = new ArrayList<>();
    private final List<String> unsupported = new ArrayList<>();
    private int cases;
    private double worstRatio = -1;
    private double maxError;
    private double tolerance;

    /** A log for check {@code check} of {@code op} on {@code target}. */
    public CaseLog(String target, String op, String check) {
        this.target = target;
        this.op = op;
        this.check = check;
    }

    /** Records a numeric comparison. */
    public void compared(String caseName, Comparison c) {
        cases++;
        double ratio = c.tolerance() > 0 ? c.maxError() / c.tolerance() : (c.maxError() > 0 ? Double.POSITIVE_INFINITY : 0);
        if (ratio > worstRatio) {
            worstRatio = ratio;
            maxError = c.maxError();
            tolerance = c.tolerance();
        }
        if (!c.ok()) failures.add(caseName + ": " + c.detail());
    }

    /** Records a case that passed without a numeric comparison. */
    public void passed(String caseName) { cases++; }

    /** Records a failed case. */
    public void failed(String caseName, String why) {
        cases++;
        failures.add(caseName + ": " + why);
    }

    /** Records a case the target declared unsupported. */
    public void unsupported(String caseName, String reason) {
        cases++;
        unsupported.add(caseName + ": declared unsupported: " + reason);
    }

    /**
     * Records an exception escaping a case: a declared-unsupported op counts as unsupported;
     * anything else fails, with the frame that raised it so the owner can be found.
     */
    public void threw(String caseName, Throwable t) {
        if (t instanceof UnsupportedOpException u) {
            unsupported(caseName, u.getMessage());
        } else {
            failed(caseName, describe(t));
        }
    }

    /** One line: exception type, message and the first frame outside the JDK. */
    public static String describe(Throwable t) {
        StringBuilder b = new StringBuilder(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.")) continue;
            b.append(" (at ").append(c).append('.').append(e.getMethodName()).append(':').append(e.getLineNumber()).append(')');
            break;
        }
        return b.toString();
    }

    /** True when nothing failed so far. */
    public boolean clean() { return failures.isEmpty(); }

    /** The result: FAIL if any case failed, else UNSUPPORTED if any was unsupported, else PASS. */
    public CheckResult result() {
        Status s = !failures.isEmpty() ? Status.FAIL : !unsupported.isEmpty() ? Status.UNSUPPORTED : Status.PASS;
        List<String> problems = new ArrayList<>(failures);
        problems.addAll(unsupported);
        return new CheckResult(target, op, check, s, cases, maxError, tolerance, problems);
    }
}
