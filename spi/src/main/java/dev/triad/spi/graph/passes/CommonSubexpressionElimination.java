package dev.triad.spi.graph.passes;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.GraphPass;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges nodes that compute the same thing: ops with the same primitive, attributes and
 * (already merged) inputs, and literals with the same type and bits. The first occurrence
 * stays, with its name. Every primitive is a pure function of its inputs and attributes
 * (random bits included: they are counter-based, so the same key gives the same bits), so
 * merging never changes a result. Parameters are never merged: they are the signature.
 *
 * <p>Literals larger than {@link #MAX_LITERAL_BYTES} are not compared, so that large weights
 * embedded in a graph are not copied and hashed on every run of the pass.
 */
public final class CommonSubexpressionElimination implements GraphPass {
    /** The shared instance (stateless). */
    public static final CommonSubexpressionElimination INSTANCE = new CommonSubexpressionElimination();

    /** Literals up to this many bytes take part. */
    public static final long MAX_LITERAL_BYTES = 1 << 16;

    private CommonSubexpressionElimination() {}

    private record OpKey(Primitive primitive, Attrs attrs, List<Value> inputs) {}

    private record LiteralKey(TensorType type, ByteBuffer bits) {}

    @Override
    public Graph apply(Graph graph) {
        Map<Object, Value> seen = new HashMap<>();
        return Rewriter.rewrite(graph, new Rewriter.Rule() {
            private Object pending;

            @Override
            public Value rewrite(GraphBuilder b, Node node, List<Value> inputs) {
                pending = switch (node.kind()) {
                    case OP -> new OpKey(node.primitive(), node.attrs(), List.copyOf(inputs));
                    case LITERAL -> node.type().byteSize() <= MAX_LITERAL_BYTES ? literalKey(node.literal()) : null;
                    case PARAMETER -> null;
                };
                return pending == null ? null : seen.get(pending);
            }

            @Override
            public void copied(Node node, Value copy) {
                if (pending != null) seen.put(pending, copy);
            }
        });
    }

    private static LiteralKey literalKey(HostArray a) {
        return new LiteralKey(a.type(), ByteBuffer.wrap(a.bytes()));
    }

    @Override
    public String name() { return "cse"; }
}
