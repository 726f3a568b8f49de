package dev.triad.conformance.check;

import java.util.List;

/**
 * One failed case in enough detail to act on without rerunning it: what went in, a short
 * excerpt of what was expected and what came out, and what was wrong.
 *
 * @param caseName the case, as named in {@link CheckResult#problems()}
 * @param inputs the input types in order, e.g. {@code f32[3, 4]} (empty when the check did not say)
 * @param expected a short excerpt of the expected value around the worst element (empty when nothing numeric was compared)
 * @param actual the same excerpt of the value the target computed
 * @param message what was wrong
 */
public record CaseDetail(String caseName, List<String> inputs, String expected, String actual, String message) {
    /** Copies the input list. */
    public CaseDetail {
        inputs = List.copyOf(inputs);
    }
}
