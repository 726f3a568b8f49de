/**
 * Optimizers in the style of {@code torch.optim} (SGD with momentum/Nesterov/weight decay,
 * Adam, AdamW, RMSprop) following PyTorch's update formulas, learning-rate schedules (step,
 * cosine, linear warm-up, sequences), gradient clipping, and optimizer state exposed as named
 * tensors for checkpoints. Updates run under no-grad in their own {@link dev.triad.eager.Scope},
 * so a step leaves no temporaries behind.
 */
package dev.triad.eager.optim;
