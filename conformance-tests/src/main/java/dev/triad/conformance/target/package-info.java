/**
 * What the checks run on: a {@link dev.triad.conformance.target.Target} is a backend or the
 * reference itself, opened into {@link dev.triad.conformance.target.Session}s that release
 * everything they created; {@link dev.triad.conformance.target.Layout} builds non-contiguous
 * inputs (transposed, stride 0, offset, negative stride) as views of real device memory.
 */
package dev.triad.conformance.target;
