/**
 * The pieces of {@code triad train}: command-line options, the training loop on the eager
 * front-end (with checkpoints and exact resume), the progress bar, and the report (an SVG
 * loss/accuracy curve inside an HTML page, plus the numbers as JSON).
 */
package dev.triad.cli.train;
