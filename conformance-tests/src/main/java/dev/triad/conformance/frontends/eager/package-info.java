/**
 * Conformance of the eager front-end ({@code triad-eager}) on each backend. Every primitive and
 * composite of the op database runs through the Tensor API ({@code EagerOps.apply}, views
 * included) against the float64 reference: forward results for every sample and dtype,
 * non-contiguous inputs built with the Tensor API's own views, and error inputs — by running
 * the suite's own checks on an {@link dev.triad.conformance.frontends.eager.EagerTarget}.
 * Autograd is checked in F64: {@code backward()} against the spi VJP rule and central finite
 * differences, {@code createGraph} second derivatives, in-place methods written through
 * strided views, and {@code backward()} of every {@code nn} layer and loss with respect to its
 * inputs and parameters. Each check gives a
 * {@link dev.triad.conformance.check.CheckResult} and ends with the backend's live bytes
 * where they started (every tensor is made in a {@code Scope}).
 * {@link dev.triad.conformance.frontends.eager.EagerSuite} plans the checks.
 */
package dev.triad.conformance.frontends.eager;
