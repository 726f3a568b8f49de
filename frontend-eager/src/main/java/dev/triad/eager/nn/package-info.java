/**
 * Neural-network building blocks in the style of {@code torch.nn}: {@link dev.triad.eager.nn.Module}
 * with named parameters, buffers and submodules; layers (linear, convolution, pooling,
 * normalisation, dropout, embedding, attention, activations, containers); losses; the
 * functional forms in {@link dev.triad.eager.nn.F}; and PyTorch's default initialisations in
 * {@link dev.triad.eager.nn.Init}. Layers compute only through tensor ops and the spi's
 * composites, so their gradients come from the spi's rules.
 */
package dev.triad.eager.nn;
