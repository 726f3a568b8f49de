/**
 * Every primitive and composite of the op IR, grouped by family, each declared once with its
 * rules; {@link dev.triad.spi.prims.Prims} lists them all.
 */
package dev.triad.spi.prims;
