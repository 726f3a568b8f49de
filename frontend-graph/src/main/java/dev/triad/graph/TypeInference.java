package dev.triad.graph;

import dev.triad.spi.error.ArityException;
import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.Value;
import dev.triad.spi.ops.Attr;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Build-time shape inference for partially known shapes. The op's own {@link Lowering} runs on
 * stand-in types in which every unknown dimension is a sentinel size, twice with two different
 * sentinels: a result dimension that is the same both times is known, one that differs
 * depends on an unknown input dimension and stays unknown. So the primitives' shape rules are
 * the only shape logic, at build time and at run time alike.
 *
 * <p>All unknown dimensions take the same sentinel, so two unknown dimensions are assumed to be
 * able to match (as a batch dimension shared by inputs and labels does); the concrete check
 * happens when a session specialises the graph for the fed shapes.
 */
final class TypeInference {
    private TypeInference() {}

    /**
     * The stand-in sizes: unlikely as real sizes (and shown as {@code ?} in messages), and highly
     * composite (720720 is the least common multiple of 1..16), so that divisibility checks, such
     * as a reshape of {@code [?, 4]} to {@code [-1, 3]}, pass at build time and are checked for
     * the fed size at run time. Three unknown dimensions still fit a {@code long} element count.
     */
    static final long SENTINEL_A = 720_720;
    private static final long SENTINEL_B = 2 * SENTINEL_A;

    /** The inferred result type. */
    record Result(DType dtype, PartialShape shape) {}

    /**
     * Infers the type of {@code op} applied to {@code inputs}.
     *
     * @param nodeName the name the node will get, for messages
     * @throws TriadException of the class the shape rule raised, naming the node, its inputs and the expectation
     */
    static Result infer(FrontOp op, Attrs attrs, List<Output> inputs, String nodeName) {
        try {
            if (Prims.byName(op.name()) == null) checkAttrs(op, attrs);
            boolean unknown = false;
            for (Output in : inputs) unknown |= !in.shape().isFullyKnown();
            TensorType a = lower(op, attrs, inputs, SENTINEL_A);
            if (!unknown) return new Result(a.dtype(), PartialShape.known(a.shape()));
            TensorType b = lower(op, attrs, inputs, SENTINEL_B);
            if (a.rank() != b.rank()) {
                throw new ShapeException(op.name(), "the rank of the result depends on unknown input dimensions; expected a fixed rank");
            }
            long[] dims = new long[a.rank()];
            for (int i = 0; i < dims.length; i++) dims[i] = a.shape().dim(i) == b.shape().dim(i) ? a.shape().dim(i) : PartialShape.UNKNOWN;
            return new Result(a.dtype(), PartialShape.of(dims));
        } catch (TriadException e) {
            throw rewrap(e, nodeName, "cannot add node '" + nodeName + "' = " + op.name() + describe(inputs, attrs) + ": " + clean(e.getMessage()));
        } catch (ArithmeticException e) {
            throw new ShapeException(nodeName, "cannot add node '" + nodeName + "' = " + op.name() + describe(inputs, attrs)
                    + ": too many unknown dimensions to infer the shape (" + e.getMessage() + ")");
        }
    }

    private static TensorType lower(FrontOp op, Attrs attrs, List<Output> inputs, long sentinel) {
        GraphBuilder scratch = new GraphBuilder();
        List<Value> params = new ArrayList<>(inputs.size());
        for (Output in : inputs) params.add(scratch.parameter(new TensorType(in.dtype(), in.shape().fill(sentinel))));
        return op.lowering().lower(new LoweringContext(scratch), params, attrs).type();
    }

    private static void checkAttrs(FrontOp op, Attrs given) {
        for (Map.Entry<String, Object> e : given.asMap().entrySet()) {
            Attr<?> a = op.attr(e.getKey());
            if (a == null) throw new AttributeException(op.name(), "unknown attribute '" + e.getKey() + "'");
            if (!a.accepts(e.getValue())) {
                throw new AttributeException(op.name(), "attribute '" + a.name() + "' must be " + a.typeName() + ", got " + e.getValue().getClass().getSimpleName());
            }
        }
        for (Attr<?> a : op.attrs()) {
            if (!given.has(a.name())) throw new AttributeException(op.name(), "missing attribute '" + a.name() + "' (" + a.typeName() + ")");
        }
    }

    /** {@code (x: f32[?,784], w: f32[784,10]) {attrs}} */
    static String describe(List<Output> inputs, Attrs attrs) {
        List<String> parts = new ArrayList<>();
        for (Output in : inputs) parts.add(in.toString());
        String a = attrs.toString();
        return "(" + String.join(", ", parts) + ")" + (a.isEmpty() ? "" : " " + a);
    }

    /** The message with sentinel sizes shown as {@code ?}. */
    static String clean(String message) {
        return message == null ? "" : message.replaceAll("\\b" + SENTINEL_A + "\\b", "?").replaceAll("\\b" + SENTINEL_B + "\\b", "?");
    }

    /** A new exception of {@code e}'s kind with {@code message}, caused by {@code e}. */
    static TriadException rewrap(TriadException e, String op, String message) {
        TriadException r = switch (e) {
            case ShapeException s -> new ShapeException(op, message);
            case DTypeException d -> new DTypeException(op, message);
            case AttributeException a -> new AttributeException(op, message);
            case ArityException a -> new ArityException(op, message);
            default -> new TriadException(op, message);
        };
        r.initCause(e);
        return r;
    }
}
