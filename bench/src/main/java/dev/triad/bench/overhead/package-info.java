/**
 * Framework overhead: what one tiny op costs end to end (front-end, shape rule, dispatch,
 * allocator, kernel launch) and what a chain of twenty small eager ops costs with and without
 * the autograd tape. The tensors are small on purpose, so the kernel's own work is negligible.
 */
package dev.triad.bench.overhead;
