/**
 * A Keras-style layer over the graph front-end: {@link dev.triad.graph.keras.Layer layers}
 * (Dense, Conv2D, MaxPooling2D, Flatten, activations) that add variables and ops to a
 * {@link dev.triad.graph.GraphBuilder}, {@link dev.triad.graph.keras.Sequential} and functional
 * {@link dev.triad.graph.keras.Model models} with {@code compile(optimizer, loss, metrics)},
 * {@code fit} (with a progress bar), {@code evaluate}, {@code predict}, and callbacks (early
 * stopping, checkpoints, learning-rate schedules).
 *
 * <p>Layouts follow the op IR rather than Keras' defaults where they differ: images are
 * channels-first {@code [N, C, H, W]} and convolution kernels are {@code [out, in, kh, kw]};
 * Dense kernels are Keras' {@code [in, out]}.
 */
package dev.triad.graph.keras;
