/**
 * Files: the safetensors format (tensors by name plus string metadata, readable by other
 * frameworks), training checkpoints built on it, atomic replacement of files, and the small
 * JSON reader and writer that the safetensors header needs. Every reader validates lengths,
 * offsets and sizes against the file before it allocates, so a corrupt or truncated file is a
 * {@link dev.triad.eager.io.CorruptFileException}, never a crash or a huge allocation.
 * {@link dev.triad.eager.io.CheckpointStates} connects checkpoints to live modules and optimizers.
 */
package dev.triad.eager.io;
