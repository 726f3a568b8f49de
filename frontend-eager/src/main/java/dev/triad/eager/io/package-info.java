/**
 * Training checkpoints: a model file and an optimizer file in the safetensors format
 * ({@link dev.triad.spi.io.Safetensors}), committed atomically as a pair, plus the training
 * progress stored in their metadata. A damaged or mismatched checkpoint is a
 * {@link dev.triad.spi.io.CorruptFileException}. {@link dev.triad.eager.io.CheckpointStates}
 * connects checkpoints to live modules and optimizers.
 */
package dev.triad.eager.io;
