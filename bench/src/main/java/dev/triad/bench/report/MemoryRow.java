package dev.triad.bench.report;

import dev.triad.bench.training.MemoryProbe;

/**
 * The memory of one training step configuration, or why it could not be measured.
 *
 * @param backend the backend
 * @param model {@code mlp} or {@code cnn}
 * @param frontend the front-end
 * @param use what was measured (null on error)
 * @param error why it failed (null on success)
 */
public record MemoryRow(String backend, String model, String frontend, MemoryProbe.Use use, String error) {}
