package dev.triad.conformance.check;

/** Outcome of one check. */
public enum Status {
    /** Every case matched. */
    PASS,
    /** At least one case did not match, raised the wrong error, or leaked memory. */
    FAIL,
    /** The target declared a case unsupported (and nothing failed); never counted as a pass. */
    UNSUPPORTED,
    /** The check does not apply, e.g. gradients of an op declared non-differentiable; the detail says why. */
    NOT_APPLICABLE
}
