/**
 * Element types, shapes, NumPy broadcasting and NumPy type promotion (with weakly typed
 * Java scalars). These are the value-level facts every other part of Triad agrees on.
 */
package dev.triad.spi.types;
