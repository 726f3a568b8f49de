package dev.triad.bench.training;

import dev.triad.graph.GraphBuilder;
import dev.triad.graph.Operation;
import dev.triad.graph.Output;
import dev.triad.graph.Session;
import dev.triad.graph.init.Initializers;
import dev.triad.graph.train.Adam;
import dev.triad.graph.train.Optimizer;
import dev.triad.graph.train.SGD;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph (TensorFlow-1-style) step: a static graph with placeholders, variables initialised
 * to the spec's weights, the loss and the optimizer's update ops; each step is one
 * {@code session.run([loss, train], feeds)}. The session compiles the signature on first run
 * and keeps the variables on the device.
 */
public final class GraphTrainStep implements TrainStep {
    private final Backend backend;
    private final Session session;
    private final Output loss;
    private final Operation train;
    private final Map<Output, HostArray> feeds;

    /** Builds the graph for {@code spec} and opens a session on {@code backend}. */
    public GraphTrainStep(TrainSpec spec, Backend backend) {
        this.backend = backend;
        Built b = build(spec);
        loss = b.loss;
        train = b.train;
        feeds = Map.of(b.x, spec.imageArray(), b.y, spec.labelArray());
        session = new Session(b.graph, backend);
        session.initializeVariables();
    }

    /** What {@link #build} returns: the graph, its placeholders, loss and training op. */
    record Built(GraphBuilder graph, Output x, Output y, Output loss, Operation train) {}

    /** Builds the graph (no session): also what the compile-time benchmark measures. */
    static Built build(TrainSpec spec) {
        GraphBuilder g = new GraphBuilder();
        Output x = g.placeholder("x", DType.F32, spec.batch(), 1, 28, 28);
        Output y = g.placeholder("y", DType.I64, spec.batch());
        Map<String, Output> p = new LinkedHashMap<>();
        for (Map.Entry<String, HostArray> e : spec.initialWeightArrays().entrySet()) {
            HostArray w = e.getValue();
            p.put(e.getKey(), g.variable(e.getKey(), new TensorType(DType.F32, w.shape()), Initializers.values(w)));
        }
        Output loss = Networks.loss(g, spec, p, x, y);
        Optimizer opt = spec.adam() ? new Adam(spec.lr()) : new SGD(spec.lr());
        Operation train = opt.minimize(g, loss);
        return new Built(g, x, y, loss, train);
    }

    /** The feed types of {@code spec}'s batch, for compiling without running. */
    static Map<Output, TensorType> feedTypes(Built b, TrainSpec spec) {
        return Map.of(b.x, new TensorType(DType.F32, Shape.of(spec.batch(), 1, 28, 28)), b.y, new TensorType(DType.I64, Shape.of(spec.batch())));
    }

    @Override
    public double step() {
        HostArray l = session.run(List.of(loss, train), feeds).get(0);
        backend.synchronize();
        return l.getDouble(0);
    }

    @Override
    public void close() { session.close(); }
}
