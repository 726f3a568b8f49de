/**
 * The op database: one {@link dev.triad.conformance.spec.OpSpec} per primitive and composite,
 * with sample inputs (scalars, empty tensors, broadcasting, odd sizes, large values, NaN and
 * infinities), dtypes, tolerances per dtype and invalid invocations with the typed error each
 * must raise. Entries are grouped by op family in package-private classes and collected by
 * {@link dev.triad.conformance.spec.OpDatabase}.
 */
package dev.triad.conformance.spec;
