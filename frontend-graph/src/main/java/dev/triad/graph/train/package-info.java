/**
 * Optimizers as graph nodes, like {@code tf.train}: {@code minimize} adds symbolic gradients
 * and the update ops (SGD, momentum, Adam) to the graph and returns the training
 * {@link dev.triad.graph.Operation}; running it in a session updates the variables on the
 * device. Optimizer state (momentum buffers, Adam moments, step counter, learning rate) are
 * non-trainable variables of the same graph, so it is saved and restored with the graph.
 */
package dev.triad.graph.train;
