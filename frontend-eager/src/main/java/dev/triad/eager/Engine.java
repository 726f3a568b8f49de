package dev.triad.eager;

import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One reverse pass over the tape: finds the nodes reachable from the roots, counts how many
 * edges lead into each, and processes them in reverse topological order (a node runs once all
 * its consumers have contributed to its cotangent). Each op node applies its primitive's VJP
 * rule; leaf nodes accumulate into {@code grad} (or, for {@link Autograd#grad}, are captured).
 *
 * <p>Without {@code createGraph} the pass runs under no-grad inside its own {@link Scope}, so
 * every temporary it makes is released when it ends; gradients handed to leaves leave that
 * scope. With {@code createGraph} the pass records its own ops, and its tensors belong to the
 * caller's scope like any other.
 */
final class Engine {
    private final List<Tensor> roots;
    private final List<Tensor> rootGrads;
    private final boolean retainGraph;
    private final boolean createGraph;
    private final List<Tensor> captureTargets;

    private final Map<Node, Integer> dependencies = new IdentityHashMap<>();
    private final Map<Node, Tensor> pending = new IdentityHashMap<>();
    // Tensors already given to a leaf or a result in this pass: a second taker gets a copy.
    private final Set<Tensor> handedOut = Collections.newSetFromMap(new IdentityHashMap<>());
    private Map<Node, Integer> captureIndex;
    private Set<Node> needed;
    private long firstSequence;

    Engine(List<Tensor> roots, List<Tensor> rootGrads, boolean retainGraph, boolean createGraph, List<Tensor> captureTargets) {
        this.roots = roots;
        this.rootGrads = rootGrads;
        this.retainGraph = retainGraph;
        this.createGraph = createGraph;
        this.captureTargets = captureTargets;
    }

    /** Runs the pass; returns the captured gradients (null when accumulating into leaves). */
    List<Tensor> run() {
        List<Node> rootNodes = new ArrayList<>(roots.size());
        for (int i = 0; i < roots.size(); i++) {
            Tensor r = roots.get(i);
            if (!r.requiresGrad) {
                throw new TriadException("backward", "element " + i + " of the outputs " + r.type() + " does not require grad and has no "
                        + "grad_fn. Hint: mark an input with requiresGrad_(true), and do not compute under Autograd.noGrad()");
            }
            rootNodes.add(r.gradEdge());
        }
        discover(rootNodes);
        Tensor[] results = captureTargets == null ? null : new Tensor[captureTargets.size()];
        if (captureTargets != null) prepareCaptures();

        firstSequence = Tensor.lastSequence() + 1;
        Scope pass = createGraph ? null : Scope.open();
        try (var _ = GradMode.set(createGraph)) {
            for (int i = 0; i < roots.size(); i++) seed(roots.get(i), rootGrads.get(i), rootNodes.get(i));
            ArrayDeque<Node> ready = new ArrayDeque<>();
            for (Node n : rootNodes) {
                if (dependencies.get(n) == 0 && !ready.contains(n)) ready.push(n);
            }
            while (!ready.isEmpty()) {
                Node node = ready.pop();
                Tensor cot = pending.remove(node);
                process(node, cot, results);
                if (!retainGraph) node.release();
                for (Node child : node.next) {
                    if (child == null) continue;
                    int left = dependencies.merge(child, -1, Integer::sum);
                    if (left == 0) ready.push(child);
                }
            }
            if (results != null) {
                for (int i = 0; i < results.length; i++) {
                    if (results[i] != null) results[i] = Scope.escape(results[i]);
                }
            }
        } finally {
            if (pass != null) pass.close();
        }
        if (results == null) return null;
        // The gradients now belong to the caller's scope, like any tensor made in it.
        List<Tensor> out = new ArrayList<>(results.length);
        for (Tensor t : results) {
            if (t != null) Scope.register(t);
            out.add(t);
        }
        return out;
    }

    /** Counts, for every node reachable from the roots, the edges that lead into it. */
    private void discover(List<Node> rootNodes) {
        ArrayDeque<Node> stack = new ArrayDeque<>();
        for (Node r : rootNodes) {
            if (!dependencies.containsKey(r)) {
                dependencies.put(r, 0);
                stack.push(r);
            }
        }
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            for (Node child : n.next) {
                if (child == null) continue;
                Integer d = dependencies.get(child);
                if (d == null) {
                    dependencies.put(child, 1);
                    stack.push(child);
                } else {
                    dependencies.put(child, d + 1);
                }
            }
        }
    }

    /** Maps each capture target to its node and marks the nodes from which one is reachable. */
    private void prepareCaptures() {
        captureIndex = new IdentityHashMap<>();
        for (int i = 0; i < captureTargets.size(); i++) {
            Tensor t = captureTargets.get(i);
            if (!t.requiresGrad) {
                throw new TriadException("grad", "input " + i + " " + t.type() + " does not require grad; expected tensors that are part of the graph");
            }
            captureIndex.putIfAbsent(t.gradEdge(), i);
        }
        // A node is needed when a capture is reachable from it; post-order over the discovered graph.
        needed = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Node> done = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node start : dependencies.keySet()) {
            if (done.contains(start)) continue;
            ArrayDeque<Node> stack = new ArrayDeque<>();
            ArrayDeque<Integer> position = new ArrayDeque<>();
            stack.push(start);
            position.push(0);
            done.add(start);
            while (!stack.isEmpty()) {
                Node n = stack.peek();
                int i = position.pop();
                if (i < n.next.length) {
                    position.push(i + 1);
                    Node child = n.next[i];
                    if (child != null && done.add(child)) {
                        stack.push(child);
                        position.push(0);
                    }
                    continue;
                }
                stack.pop();
                boolean need = captureIndex.containsKey(n);
                for (Node child : n.next) need |= child != null && needed.contains(child);
                if (need) needed.add(n);
            }
        }
    }

    /** The initial cotangent of a root: the given gradient, or ones for a one-element root. */
    private void seed(Tensor root, Tensor gradient, Node node) {
        Tensor g;
        if (gradient == null) {
            if (root.numel() != 1) {
                throw new TriadException("backward", "grad can be implicitly created only for outputs with one element; this output is "
                        + root.type() + ". Pass a gradient of its shape to backward(gradient)");
            }
            g = root.ops.onesLike(root);
        } else {
            if (!gradient.shape().equals(root.shape())) {
                throw new ShapeException("backward", "gradient " + gradient.type() + " does not match output " + root.type() + "; expected its shape");
            }
            g = gradient.ops.cast(gradient, root.dtype());
        }
        pending.merge(node, g, root.ops::add);
    }

    private void process(Node node, Tensor cot, Tensor[] results) {
        if (cot == null) return;
        if (node.retainers() != null) {
            for (Tensor t : node.retainers()) accumulate(t, cot);
        }
        if (captureIndex != null) {
            Integer idx = captureIndex.get(node);
            if (idx != null) {
                for (int i = 0; i < captureTargets.size(); i++) {
                    if (captureTargets.get(i).gradEdge() == node) results[i] = i == idx ? own(cot) : own(copy(cot));
                }
            }
            if (!needed.contains(node)) return;
        }
        if (node instanceof LeafNode leaf) {
            if (captureTargets == null && leaf.leaf.requiresGrad) accumulate(leaf.leaf, cot);
            return;
        }
        List<Tensor> grads = node.backward(cot);
        for (int i = 0; i < node.next.length; i++) {
            Node child = node.next[i];
            if (child == null) continue;
            Tensor g = grads.get(i);
            if (g == null) continue;
            if (needed != null && !needed.contains(child)) continue;
            pending.merge(child, g, g.ops::add);
        }
    }

    /**
     * Adds {@code g} into {@code t.grad}. A gradient made in this pass and not shared with
     * anything else becomes the grad itself; anything else is copied first, so two leaves
     * never share one gradient tensor. Without createGraph an existing grad is updated in
     * place (references to it stay valid); with createGraph it is replaced by a recorded sum.
     */
    private void accumulate(Tensor t, Tensor g) {
        if (g.dtype() != t.dtype()) g = g.ops.cast(g, t.dtype());
        Tensor old = t.grad;
        if (old == null) {
            t.grad = Scope.escape(own(g));
            return;
        }
        if (!createGraph && old.isLeaf()) {
            Tensor sum = old.ops.add(old, g);
            old.backend().copyInto(sum.data(), old.data());
            old.version.bump();
            return;
        }
        Tensor sum = old.ops.add(old, g);
        t.grad = Scope.escape(sum);
        // The previous grad now belongs to the caller's scope (closed with it), not to t.
        Scope s = Scope.current();
        if (s != null) s.adopt(old);
    }

    /** {@code g} itself when this pass made it and nothing else shares its storage, else a copy. */
    private Tensor own(Tensor g) {
        boolean fresh = g.sequence >= firstSequence && !g.isStandIn() && !handedOut.contains(g) && g.view == null
                && !g.isClosed() && g.data().buffer().refCount() == 1;
        Tensor r = fresh ? g : copy(g);
        handedOut.add(r);
        return r;
    }

    private static Tensor copy(Tensor g) {
        return g.ops.apply(Prims.CAST, Attrs.of(Keys.DTYPE, g.dtype()), List.of(g));
    }
}
