package dev.triad.bench.report;

/**
 * A configuration that produced no time, and why.
 *
 * @param benchmark the benchmark (class, or class.method)
 * @param params its parameters
 * @param reason the reason: a skip recorded by the trial, a failed check, or JMH's error
 */
public record Skip(String benchmark, String params, String reason) {}
