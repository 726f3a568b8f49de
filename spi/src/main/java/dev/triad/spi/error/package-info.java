/**
 * Typed exceptions. Every error Triad raises on purpose is a {@link dev.triad.spi.error.TriadException}
 * that names the op, the shapes and dtypes, and what was expected, and is thrown at the call
 * that made the mistake.
 */
package dev.triad.spi.error;
