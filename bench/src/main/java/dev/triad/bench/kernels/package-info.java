/**
 * Kernel benchmarks: one primitive (or composite) per operation, dispatched through
 * {@link dev.triad.spi.backend.Dispatch} on F32 data, the result closed after
 * {@link dev.triad.spi.backend.Backend#synchronize()}. Each class states its work model
 * ({@code work(params)}: FLOPs and bytes per operation) so the report can show throughput and
 * the fraction of the machine's limit.
 */
package dev.triad.bench.kernels;
