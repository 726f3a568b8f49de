/**
 * The backend SPI: providers found by ServiceLoader, backends, devices, reference-counted
 * buffers with a caching, accounting allocator, strided device arrays, host arrays, and the
 * dispatch path that validates every op before a backend sees it.
 */
package dev.triad.spi.backend;
