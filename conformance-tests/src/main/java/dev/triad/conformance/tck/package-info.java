/**
 * The TCK: what a third-party backend's build runs to prove it conforms. Subclass
 * {@link dev.triad.conformance.tck.BackendTck} in your test sources and return your provider;
 * JUnit 5 then runs the whole suite on it — one container per op, one test per check — and
 * writes the HTML, Markdown and JSON reports to {@code target/triad-conformance/}.
 * {@link dev.triad.conformance.tck.Tck} offers the same as static methods, for builds that
 * would rather not subclass, and a plain run that returns the results.
 */
package dev.triad.conformance.tck;
