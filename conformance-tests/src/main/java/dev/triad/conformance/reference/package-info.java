/**
 * The float64 reference interpreter: {@link dev.triad.conformance.reference.RefArray} (dense,
 * row-major, exact integers) and {@link dev.triad.conformance.reference.ReferenceOps}, a
 * straightforward loop implementation of every primitive that shares no code with any backend,
 * plus an independent Threefry and direct formulas for some composites. Rule authors can use
 * it to test derivative and batching rules without a backend.
 */
package dev.triad.conformance.reference;
