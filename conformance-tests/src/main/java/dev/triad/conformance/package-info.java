/**
 * Triad's conformance suite, usable as a TCK: the op database ({@code spec}), the float64
 * reference interpreter ({@code reference}), the targets checks run on ({@code target}) and
 * the checks themselves ({@code check}). A backend passes when every check passes or is
 * declared unsupported by the backend itself.
 */
package dev.triad.conformance;
