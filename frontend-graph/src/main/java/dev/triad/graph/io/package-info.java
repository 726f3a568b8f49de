/**
 * Saving and loading graphs with their weights: the graph in its text form
 * ({@link dev.triad.graph.GraphDef}), variables and constants in a safetensors file, and for
 * Keras-style models a small properties file naming the input, output, labels, loss, metrics
 * and training step. A loaded graph runs inference or continues training in a new process.
 * Corrupt, truncated or mismatched files raise a {@link dev.triad.graph.io.SavedGraphException}
 * that names the file and what is wrong.
 */
package dev.triad.graph.io;
