/**
 * The pieces of {@code triad conformance}: its options
 * ({@link dev.triad.cli.conformance.ConformanceOptions}), backends loaded from extra JARs
 * ({@link dev.triad.cli.conformance.JarBackends}) and the progress shown on stderr
 * ({@link dev.triad.cli.conformance.CheckProgress}). Running the suite and writing the reports
 * is the conformance module's job ({@code dev.triad.conformance.run} and {@code .report}),
 * shared with the TCK.
 */
package dev.triad.cli.conformance;
