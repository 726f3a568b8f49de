package dev.triad.graph;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.graph.GraphPass;
import dev.triad.spi.graph.passes.StandardPipeline;

import java.util.function.Function;

/**
 * How a {@link Session} compiles.
 *
 * @param optimize whether specialised graphs go through the pass pipeline before compiling
 * @param pipeline the pipeline for a backend (the default is {@link StandardPipeline#of}, which
 *     folds constants on that backend); a backend's own passes are added here
 */
public record SessionOptions(boolean optimize, Function<Backend, GraphPass> pipeline) {
    /** Optimise with the standard pipeline. */
    public static final SessionOptions DEFAULT = new SessionOptions(true, StandardPipeline::of);

    /** Compile specialised graphs as they are (for comparing optimised and unoptimised results). */
    public static final SessionOptions UNOPTIMIZED = new SessionOptions(false, StandardPipeline::of);
}
