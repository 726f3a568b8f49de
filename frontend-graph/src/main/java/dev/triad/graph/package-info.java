/**
 * The graph front-end, in the style of TensorFlow 1: build a static graph with a
 * {@link dev.triad.graph.GraphBuilder} (placeholders with unknown batch dimensions, constants,
 * variables, every primitive and composite, name scopes, symbolic
 * {@link dev.triad.graph.GraphBuilder#gradients gradients}), then run it in a
 * {@link dev.triad.graph.Session}, which specialises the needed subgraph to the op IR for each
 * feed signature, optimises it with the shared passes, compiles it on a backend and keeps the
 * variables on the device between runs.
 *
 * <pre>{@code
 * GraphBuilder g = new GraphBuilder();
 * Output x = g.placeholder("x", DType.F32, -1, 784);           // tf.placeholder(tf.float32, [None, 784])
 * Output y = g.placeholder("y", DType.I64, -1);
 * Variable w = g.variable("w", TensorType.of(DType.F32, 784, 10), Initializers.glorotUniform(0));
 * Variable b = g.variable("b", TensorType.of(DType.F32, 10), Initializers.zeros());
 * Output logits = g.add(g.matmul(x, w), b);
 * Output loss = g.crossEntropy(logits, y, 0.0);
 * Operation train = new Adam(1e-3).minimize(g, loss);          // gradients + update ops
 * try (Session s = new Session(g, backend)) {
 *     s.initializeVariables();                                  // tf.global_variables_initializer()
 *     HostArray l = s.run(List.of(loss, train), Map.of(x, images, y, labels)).get(0);
 * }
 * }</pre>
 *
 * <p>Subpackages: {@code init} (initializers), {@code train} (optimizers as update ops),
 * {@code io} (saving and loading graphs with their weights), {@code keras} (Sequential and
 * functional models with compile/fit/evaluate/predict and callbacks).
 */
package dev.triad.graph;
