/**
 * Conformance reports, shared by the {@code triad conformance} command and the TCK: the model
 * ({@link dev.triad.conformance.report.ConformanceReport}, one
 * {@link dev.triad.conformance.report.BackendRun} per backend, laid out as an op × check ×
 * dtype {@link dev.triad.conformance.report.Matrix}) and its three writers — a self-contained
 * HTML page with filters ({@link dev.triad.conformance.report.HtmlReport}), Markdown for a pull
 * request ({@link dev.triad.conformance.report.MarkdownReport}) and JSON for machines
 * ({@link dev.triad.conformance.report.JsonReport}, through the tiny
 * {@link dev.triad.conformance.report.Json} writer) — written together by
 * {@link dev.triad.conformance.report.Reports}.
 */
package dev.triad.conformance.report;
