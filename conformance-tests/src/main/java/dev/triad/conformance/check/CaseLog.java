package dev.triad.conformance.check;

import dev.triad.conformance.reference.RefArray;
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
    private final List<CaseDetail> details = new ArrayList<>();
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

    /** At most this many failed cases keep their details: enough to act on, small enough for a report. */
    static final int MAX_DETAILS = 8;

    /** Records a numeric comparison. */
    public void compared(String caseName, Comparison c) { compared(caseName, List.of(), c); }

    /** Records a numeric comparison of a case with these inputs (their types go into the failure's details). */
    public void compared(String caseName, List<RefArray> inputs, Comparison c) {
        cases++;
        double ratio = c.tolerance() > 0 ? c.maxError() / c.tolerance() : (c.maxError() > 0 ? Double.POSITIVE_INFINITY : 0);
        if (ratio > worstRatio) {
            worstRatio = ratio;
            maxError = c.maxError();
            tolerance = c.tolerance();
        }
        if (!c.ok()) {
            failures.add(caseName + ": " + c.detail());
            detail(caseName, inputs, c.expected(), c.actual(), c.detail());
        }
    }

    /** Records a case that passed without a numeric comparison. */
    public void passed(String caseName) { cases++; }

    /** Records a failed case. */
    public void failed(String caseName, String why) { failed(caseName, List.of(), why); }

    /** Records a failed case with these inputs. */
    public void failed(String caseName, List<RefArray> inputs, String why) {
        cases++;
        failures.add(caseName + ": " + why);
        detail(caseName, inputs, "", "", why);
    }

    private void detail(String caseName, List<RefArray> inputs, String expected, String actual, String message) {
        if (details.size() == MAX_DETAILS) return;
        details.add(new CaseDetail(caseName, types(inputs), expected, actual, message));
    }

    /** The types of {@code inputs}, e.g. {@code [f32[3,4], i64[2]]}. */
    public static List<String> types(List<RefArray> inputs) {
        List<String> out = new ArrayList<>(inputs.size());
        for (RefArray x : inputs) out.add(x.type().toString());
        return out;
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
    public void threw(String caseName, Throwable t) { threw(caseName, List.of(), t); }

    /** As {@link #threw(String, Throwable)}, for a case with these inputs. */
    public void threw(String caseName, List<RefArray> inputs, Throwable t) {
        if (t instanceof UnsupportedOpException u) {
            unsupported(caseName, u.getMessage());
        } else {
            failed(caseName, inputs, describe(t));
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
        return new CheckResult(target, op, check, s, cases, maxError, tolerance, problems, details);
    }
}
