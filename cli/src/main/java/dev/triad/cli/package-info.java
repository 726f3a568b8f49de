/**
 * The {@code triad} command line: one class per sub-command ({@code devices}, and more as
 * front-ends, reports and benchmarks land).
 */
package dev.triad.cli;
