/**
 * Conformance of the functional front-end ({@code triad-functional}) on each backend: its
 * transformations over every primitive and composite of the op database — {@code grad},
 * {@code jvp} and {@code vjp} against central finite differences, {@code vmap} against a loop,
 * {@code jit} against eager evaluation (values and errors) — plus the {@code jit} cache's
 * re-tracing behaviour and Hessians of small functions against analytic results.
 * {@link dev.triad.conformance.frontends.functional.FunctionalSuite} plans the checks.
 */
package dev.triad.conformance.frontends.functional;
