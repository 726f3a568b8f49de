package dev.triad.functional;

import dev.triad.functional.tree.Flat;
import dev.triad.functional.tree.Tree;
import dev.triad.functional.tree.TreeDef;
import dev.triad.spi.graph.Graph;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code linearize} by partial evaluation, as JAX does it: the JVP of the function is traced
 * to a graph with the tangents as parameters; the part that does not depend on the tangents
 * (the primal computation and everything the linear part reads from it) is evaluated once,
 * now; the rest, linear in the tangents, becomes a jitted function of the tangents with the
 * evaluated residuals as its constants.
 */
final class Linearize {
    private Linearize() {}

    static Linearized<Object[], Object> linearize(Fn f, Object[] primals) {
        Frame frame = Frame.enter();
        try {
            Args p = new Args("linearize", primals, Args.all(primals.length));
            int nt = p.leaves().size();
            Graph graph;
            List<Array> captured;
            TreeDef outDef;
            int nOut;
            try (var entry = TraceStack.push(GraphTrace::new)) {
                GraphTrace g = entry.trace();
                List<Array> tangents = new ArrayList<>(nt);
                for (Array x : p.leaves()) tangents.add(g.parameter(x.type()));
                Jvp<Object> j = Diff.jvp(f, primals, p.with(tangents));
                Flat po = Tree.treeFlatten(j.primalOut());
                Flat to = Tree.treeFlatten(j.tangentOut());
                outDef = po.def();
                nOut = po.leaves().size();
                List<Array> outs = new ArrayList<>(po.leaves());
                outs.addAll(to.leaves());
                graph = g.build(outs);
                captured = g.capturedValues();
            }
            PartialEval.Split split = PartialEval.split(graph, nt, nOut);
            List<Array> knownValues = GraphEval.interpret(split.known(), captured);
            Object out = outDef.unflatten(knownValues.subList(0, nOut));
            List<Array> residuals = List.copyOf(knownValues.subList(nOut, knownValues.size()));
            Graph linear = split.unknown();
            JitCore jitted = new JitCore(args -> {
                Args t = new Args("linearize", args, Args.all(args.length));
                List<Array> inputs = new ArrayList<>(t.leaves());
                inputs.addAll(residuals);
                return outDef.unflatten(GraphEval.interpret(linear, inputs));
            }, new int[0]);
            frame.escape(out);
            frame.detach();
            return new Linearized<>(out, jitted::call, () -> {
                jitted.close();
                frame.close();
            });
        } catch (RuntimeException e) {
            frame.close();
            throw e;
        }
    }
}
