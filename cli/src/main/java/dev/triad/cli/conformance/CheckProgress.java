package dev.triad.cli.conformance;

import dev.triad.conformance.check.CheckResult;
import dev.triad.conformance.check.Status;
import dev.triad.conformance.report.BackendRun;
import dev.triad.conformance.run.SuiteRunner;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The suite's progress on stderr, one backend at a time. On a terminal a bar is redrawn in
 * place (at most ten times a second) with the check running and the failures so far, and each
 * failure is printed above it as it happens; elsewhere (a pipe, a log, {@code CI=true}) plain
 * lines are printed — failures as they happen and a count every tenth of the way — so that
 * logs stay short and readable.
 */
public final class CheckProgress implements SuiteRunner.Listener {
    private static final int WIDTH = 28;
    private static final long REDRAW_NS = 100_000_000L;

    private final PrintStream err;
    private final boolean tty;
    private final LongSupplier clock;
    private long start;
    private long lastDraw = Long.MIN_VALUE;
    private int lastDecile;
    private int failures;
    private int lastWidth;

    /**
     * @param err where to write
     * @param tty redraw one line in place (see {@link #interactive()})
     * @param clock nanosecond clock (tests pass a fake one)
     */
    public CheckProgress(PrintStream err, boolean tty, LongSupplier clock) {
        this.err = err;
        this.tty = tty;
        this.clock = clock;
    }

    /** True when the console is a terminal and {@code CI} is not {@code true}. */
    public static boolean interactive() {
        if ("true".equalsIgnoreCase(System.getenv("CI")) || "dumb".equals(System.getenv("TERM"))) return false;
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    @Override
    public void backendStarted(String backend, int checks) {
        start = clock.getAsLong();
        lastDraw = Long.MIN_VALUE;
        lastDecile = 0;
        failures = 0;
        lastWidth = 0;
        if (!tty) err.println("conformance: " + backend + ": " + checks + " checks");
    }

    @Override
    public void checkFinished(String backend, CheckResult r, int done, int total) {
        if (r.status() == Status.FAIL) {
            failures++;
            clearLine();
            err.println("  FAIL " + backend + " " + r.op() + " / " + r.check());
            lastDraw = Long.MIN_VALUE;
        }
        long now = clock.getAsLong();
        if (tty) {
            if (done < total && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NS) return;
            lastDraw = now;
            String line = bar(backend, r, done, total, now);
            err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
            if (done >= total) {
                err.println();
                lastWidth = 0;
            }
        } else {
            int decile = total == 0 ? 10 : (int) (10L * done / total);
            if (decile > lastDecile) {
                lastDecile = decile;
                err.printf(Locale.ROOT, "conformance: %s %d/%d (%d%%), %d failed, %s%n", backend, done, total, 100L * done / Math.max(1, total),
                        failures, clock(now));
            }
        }
        err.flush();
    }

    @Override
    public void backendFinished(BackendRun run) {
        clearLine();
        if (!run.available()) {
            err.println("conformance: " + run.name() + ": " + (run.requested() ? "cannot run here" : "unavailable, skipped") + ": " + run.availability());
        } else {
            err.println("conformance: " + run.name() + ": " + run.verdict() + " (" + run.results().size() + " checks, " + failures + " failed)");
        }
        err.flush();
    }

    String bar(String backend, CheckResult r, int done, int total, long now) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        String what = r.op() + " · " + r.check();
        if (what.length() > 36) what = what.substring(0, 35) + "…";
        return String.format(Locale.ROOT, "%s [%s%s] %d/%d %s%s  %s", backend, "=".repeat(filled), " ".repeat(WIDTH - filled), done, total,
                failures > 0 ? failures + " failed  " : "", clock(now), what);
    }

    private void clearLine() {
        if (tty && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
    }

    private String clock(long now) {
        long s = Math.max(0, (now - start) / 1_000_000_000L);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
