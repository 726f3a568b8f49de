package dev.triad.graph.keras;

import java.util.Iterator;

/**
 * Where {@link Model#fit} gets its batches: epoch by epoch, each epoch a fresh iterator (so a
 * source may shuffle per epoch). Adapt any data loader to it; {@link ArraySource} serves
 * arrays held in memory.
 */
public interface BatchSource {
    /** Batches per epoch (for the progress bar). */
    int batchesPerEpoch();

    /** The batches of epoch {@code epoch} (0-based). */
    Iterator<Batch> epoch(int epoch);
}
