/**
 * The benchmark runner and the report. {@link dev.triad.bench.report.BenchRunner} runs the
 * catalogued JMH benchmarks programmatically (one JMH run per class, every backend found,
 * parameters of the chosen profile), measures the machine's FP32 matmul peak and copy
 * bandwidth, probes training-step memory, and writes a self-contained HTML page (inline SVG
 * charts), Markdown and JSON into one directory. Medians and spreads are computed from JMH's
 * raw iteration scores; ratios compare each row with the same configuration on the baseline
 * backend and front-end.
 */
package dev.triad.bench.report;
