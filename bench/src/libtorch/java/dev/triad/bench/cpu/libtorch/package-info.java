/**
 * Peers run beside Triad for the CPU backend's performance targets, built only with the
 * {@code libtorch} Maven profile ({@code ./mvnw -P libtorch -pl bench package}) so their large
 * native jars stay out of the default build and out of the runtime's dependencies:
 * libtorch 2.10 training steps through the Bytedeco presets ({@link
 * dev.triad.bench.cpu.libtorch.LibtorchTrainStep}, compared in {@link
 * dev.triad.bench.cpu.libtorch.TrainVsLibtorchBench}) and oneDNN's matmul called directly
 * through the preset's Java API ({@link dev.triad.bench.cpu.libtorch.MatmulVsOneDnnBench}).
 */
package dev.triad.bench.cpu.libtorch;
