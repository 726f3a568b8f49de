package dev.triad.conformance.check;

import java.util.function.Supplier;

/**
 * One check, named and ready to run. Running it also checks that the target's live device
 * memory is back where it started, failing the check with the allocator's live-block report
 * otherwise.
 *
 * @param op the op (or topic) it is about
 * @param name the check's name
 * @param body what it does
 * @param memory the target's memory accounting
 */
public record PlannedCheck(String op, String name, Supplier<CheckResult> body, MemoryProbe memory) {
    /** Reads a target's live bytes and describes its live blocks. */
    public interface MemoryProbe {
        /** Bytes in use now. */
        long liveBytes();

        /** The live blocks, for a leak report. */
        String report();
    }

    /** Runs the check, then compares the live bytes with those before it. */
    public CheckResult run() {
        long before = memory.liveBytes();
        CheckResult r;
        try {
            r = body.get();
        } catch (Throwable t) {
            r = new CheckResult("?", op, name, Status.FAIL, 0, 0, 0, java.util.List.of("the check itself failed: " + CaseLog.describe(t)));
        }
        long after = memory.liveBytes();
        if (after == before) return r;
        java.util.List<String> problems = new java.util.ArrayList<>(r.problems());
        problems.add(0, "device memory leaked: " + (after - before) + " live bytes more than before the check; " + memory.report());
        return new CheckResult(r.target(), r.op(), r.check(), Status.FAIL, r.cases(), r.maxError(), r.tolerance(), problems, r.details());
    }
}
