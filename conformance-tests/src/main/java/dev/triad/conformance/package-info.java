/**
 * Triad's conformance suite, usable as a TCK: the op database ({@code spec}), the float64
 * reference interpreter ({@code reference}), the targets checks run on ({@code target}) and
 * the checks themselves ({@code check}); running them on a backend outside JUnit's discovery
 * ({@code run}), the HTML, Markdown and JSON reports ({@code report}) and the JUnit 5 entry
 * point for a third party's backend ({@code tck}). A backend passes when every check passes or
 * is declared unsupported by the backend itself.
 */
package dev.triad.conformance;
