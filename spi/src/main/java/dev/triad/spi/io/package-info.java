/**
 * File formats shared by every front-end, kept here so that each is implemented once: the
 * safetensors format (tensors by name plus string metadata, readable by other frameworks),
 * atomic replacement of files, and the small strict JSON reader and writer that the
 * safetensors header and other metadata need. Every reader validates lengths, offsets and
 * sizes against the file before it allocates, so a corrupt or truncated file is a
 * {@link dev.triad.spi.io.CorruptFileException}, never a crash or a huge allocation.
 * Front-ends build their own files (checkpoints, saved graphs) on top of these.
 */
package dev.triad.spi.io;
