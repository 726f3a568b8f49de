/**
 * The checks: forward results against the reference ({@link dev.triad.conformance.check.ForwardCheck},
 * {@link dev.triad.conformance.check.LayoutCheck}), derivative rules against finite differences
 * ({@link dev.triad.conformance.check.GradientCheck}, {@link dev.triad.conformance.check.SecondOrderCheck}),
 * batching rules against a loop ({@link dev.triad.conformance.check.BatchingCheck}), typed errors
 * ({@link dev.triad.conformance.check.ErrorCheck}) and random numbers
 * ({@link dev.triad.conformance.check.RngCheck}). Each produces a {@link dev.triad.conformance.check.CheckResult}
 * (pass, fail, declared unsupported or not applicable, with the worst error and its tolerance, and
 * for the first failed cases a {@link dev.triad.conformance.check.CaseDetail}: input types and
 * {@link dev.triad.conformance.check.Excerpt}s of the expected and actual values);
 * {@link dev.triad.conformance.check.ConformanceSuite} plans them for a target, so JUnit and a
 * CLI report can share them.
 */
package dev.triad.conformance.check;
