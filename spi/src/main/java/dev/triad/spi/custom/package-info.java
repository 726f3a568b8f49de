/**
 * User-declared ops: a {@link dev.triad.spi.custom.CustomOp} is a {@link dev.triad.spi.ops.Primitive}
 * whose forward computation is a {@link dev.triad.spi.custom.HostKernel} the user wrote (in Java,
 * or through a kernel library such as Aparapi), with optional derivative rules written as
 * compositions of existing ops over {@link dev.triad.spi.ops.Ops}, so eager autograd, graph
 * gradients and the functional transforms all use the same rule.
 *
 * <p>Any backend runs a custom op: {@link dev.triad.spi.backend.Dispatch} downloads the inputs,
 * runs the host kernel and uploads the result, unless the backend declares a native kernel for
 * it ({@link dev.triad.spi.backend.Backend#hasFusedKernel}). {@link dev.triad.spi.custom.CustomOps}
 * is the registry that makes a custom op visible to {@link dev.triad.spi.prims.Prims#byName},
 * so the graph text form prints and parses it like a built-in op.
 */
package dev.triad.spi.custom;
