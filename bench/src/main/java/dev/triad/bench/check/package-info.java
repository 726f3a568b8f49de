/**
 * How benchmark outputs are checked: plain-Java float64 references ({@link
 * dev.triad.bench.check.Ref}), comparisons with a stated tolerance ({@link
 * dev.triad.bench.check.Checks}), and the log that tells the report which checks passed
 * ({@link dev.triad.bench.check.CheckLog}). A benchmark runs its check once, in its trial
 * setup, before anything is timed; a failed check throws, so the trial produces no number.
 */
package dev.triad.bench.check;
