/**
 * Benchmarks of the CPU backend's own performance work: eager dispatch overhead of a tiny op
 * ({@link dev.triad.bench.cpu.EagerAddBench}), the thread discipline between the Java workers
 * and oneDNN's OpenMP team ({@link dev.triad.bench.cpu.ThreadDisciplineBench}), and fused
 * elementwise chains against memory bandwidth. The comparisons with peers that need large
 * native jars (libtorch, oneDNN called directly) live in the optional {@code libtorch} Maven
 * profile, in {@code src/libtorch/java}, so the default build stays free of them.
 */
package dev.triad.bench.cpu;
