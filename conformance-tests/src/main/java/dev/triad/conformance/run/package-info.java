/**
 * Running the suite outside JUnit's own discovery, for the {@code triad conformance} command
 * and the TCK: {@link dev.triad.conformance.run.Selection} picks checks by op and check name
 * (the filter a report prints to rerun one check), {@link dev.triad.conformance.run.FrontendChecks}
 * is the hook through which front-end check sets join the plan, and
 * {@link dev.triad.conformance.run.SuiteRunner} probes, opens, runs and closes one backend,
 * producing a {@link dev.triad.conformance.report.BackendRun} for the report writers.
 */
package dev.triad.conformance.run;
