/**
 * The {@code triad} command line: one class per sub-command ({@code devices}, {@code train},
 * {@code fetch-data}, and more as front-ends, reports and benchmarks land); the pieces of
 * {@code train} live in {@code dev.triad.cli.train}.
 */
package dev.triad.cli;
