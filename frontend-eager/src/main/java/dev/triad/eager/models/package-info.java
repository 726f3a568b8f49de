/**
 * Ready-made networks built from {@code dev.triad.eager.nn} layers: the MNIST CNN and MLP that
 * {@code triad train} trains and the tests use. Parameter names follow the module tree (e.g.
 * {@code conv1.weight}), which is also how they appear in a checkpoint's safetensors file.
 */
package dev.triad.eager.models;
