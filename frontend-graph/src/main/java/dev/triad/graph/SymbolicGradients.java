package dev.triad.graph;

import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.graph.GraphBuilder;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse mode over the Graph IR being built: walks the nodes between the loss and the
 * requested values backwards and applies each primitive's VJP rule from {@code spi} through
 * the IR builder itself, so the backward pass is ordinary graph nodes (which the optimisation
 * passes see, and which can be differentiated again). No derivative is re-derived here.
 *
 * <p>Conventions, as in {@code spi}'s autodiff: only floating values carry gradients (an
 * integer or bool result cuts the dependence), primitives whose derivative is zero almost
 * everywhere contribute nothing, cotangents reaching a value along several paths are summed,
 * and a value the loss does not depend on gets zeros.
 */
final class SymbolicGradients {
    private SymbolicGradients() {}

    /** The gradient of scalar {@code loss} with respect to each of {@code wrt}, all values of {@code b}. */
    static List<Value> of(GraphBuilder b, Value loss, List<Value> wrt) {
        TensorType lt = loss.type();
        if (lt.rank() != 0 || !lt.dtype().isFloating()) {
            throw new ShapeException("gradients", "the loss has type " + lt + "; expected a floating scalar (reduce it first, e.g. with mean)");
        }
        for (Value x : wrt) {
            if (!x.type().dtype().isFloating()) {
                throw new DTypeException("gradients", "cannot differentiate with respect to a value of type " + x.type() + "; expected a floating type");
            }
        }
        int last = loss.id();
        boolean[] active = new boolean[Math.max(last + 1, b.size())];
        boolean[] requested = new boolean[active.length];
        for (Value x : wrt) {
            active[x.id()] = true;
            requested[x.id()] = true;
        }
        for (int id = 0; id <= last; id++) {
            Node n = b.node(id);
            if (active[id] || n.kind() != Node.Kind.OP) continue;
            Primitive p = n.primitive();
            if (p.derivative() == Primitive.Derivative.NONE || !n.type().dtype().isFloating()) continue;
            for (int i = 0; i < n.inputs().size(); i++) {
                if (p.isDifferentiableInput(i) && active[n.inputs().get(i).id()]) {
                    active[id] = true;
                    break;
                }
            }
        }
        Map<Integer, Value> cot = new HashMap<>();
        if (active[last]) cot.put(last, b.onesLike(b.value(last)));
        for (int id = last; id >= 0; id--) {
            // A value's cotangent is complete once its producer is reached (nodes only read earlier ones).
            Value g = requested[id] ? cot.get(id) : cot.remove(id);
            if (g == null) continue;
            Node n = b.node(id);
            if (n.kind() != Node.Kind.OP || n.primitive().derivative() != Primitive.Derivative.DIFFERENTIABLE) continue;
            Primitive p = n.primitive();
            List<Value> inputs = new ArrayList<>(n.inputs().size());
            for (Value v : n.inputs()) inputs.add(b.value(v.id()));
            boolean[] needsGrad = new boolean[inputs.size()];
            for (int i = 0; i < needsGrad.length; i++) needsGrad[i] = p.isDifferentiableInput(i) && active[inputs.get(i).id()];
            List<Value> cts = p.vjp(b, inputs, b.value(id), g, n.attrs(), needsGrad);
            for (int i = 0; i < inputs.size(); i++) {
                Value x = inputs.get(i);
                if (!p.isDifferentiableInput(i) || !active[x.id()] || cts.get(i) == null) continue;
                Value c = conform(b, p, i, x, cts.get(i));
                Value prev = cot.get(x.id());
                cot.put(x.id(), prev == null ? c : b.add(prev, c));
            }
        }
        List<Value> out = new ArrayList<>(wrt.size());
        for (Value x : wrt) {
            Value c = cot.get(x.id());
            out.add(c != null ? c : b.zerosLike(b.value(x.id())));
        }
        return out;
    }

    /** A rule's cotangent as its input's type: a dtype difference is cast away, a shape difference is a rule bug. */
    private static Value conform(GraphBuilder b, Primitive p, int index, Value x, Value c) {
        if (!x.type().shape().equals(c.type().shape())) {
            throw new IllegalStateException("VJP rule of " + p.name() + " returned a cotangent " + c.type() + " for input " + index
                    + " of type " + x.type() + "; expected the input's shape");
        }
        return b.cast(c, x.type().dtype());
    }
}
