package dev.triad.functional;

import dev.triad.functional.tree.Flat;
import dev.triad.functional.tree.Tree;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;

import java.util.ArrayList;
import java.util.List;

/** The batching transformation over general functions, through {@link BatchTrace}. */
final class Vmap {
    private Vmap() {}

    /**
     * Applies {@code f} to slices of {@code args} along {@code inAxes} (one per argument; null
     * leaves the argument unbatched) and stacks the results along {@code outAxis} (null: the
     * outputs must not depend on the batch).
     */
    static Object call(Fn f, List<Integer> inAxes, Integer outAxis, Object[] args) {
        if (inAxes.size() != args.length) {
            throw new TriadException("vmap", "got " + inAxes.size() + " in_axes for " + args.length + " argument(s); expected one per argument");
        }
        Args a = new Args("vmap", args, Args.all(args.length));
        int[] axisOfLeaf = new int[a.leaves().size()];
        long size = -1;
        String sizeFrom = null;
        int k = 0;
        for (int i = 0; i < args.length; i++) {
            int n = Tree.treeLeaves(args[i]).size();
            Integer ax = inAxes.get(i);
            for (int j = 0; j < n; j++, k++) {
                Array x = a.leaves().get(k);
                if (ax == null) {
                    axisOfLeaf[k] = -1;
                    continue;
                }
                int axis = ax < 0 ? ax + x.ndim() : ax;
                if (axis < 0 || axis >= x.ndim()) {
                    throw new ShapeException("vmap", "in_axes " + ax + " is out of range for argument " + i + " leaf of type " + x.type());
                }
                axisOfLeaf[k] = axis;
                long s = x.shape().dim(axis);
                if (size < 0) {
                    size = s;
                    sizeFrom = "argument " + i + " (" + x.type() + ", axis " + axis + ")";
                } else if (s != size) {
                    throw new ShapeException("vmap", "inconsistent sizes of the mapped axes: " + sizeFrom + " has size " + size
                            + " but argument " + i + " (" + x.type() + ", axis " + axis + ") has size " + s);
                }
            }
        }
        if (size < 0) throw new TriadException("vmap", "no argument is mapped (every in_axes is null or the arguments hold no arrays)");
        long axisSize = size;
        try (Frame frame = Frame.enter()) {
            Flat flat;
            List<Array> results = new ArrayList<>();
            try (var entry = TraceStack.push(level -> new BatchTrace(level, axisSize))) {
                BatchTrace trace = entry.trace();
                List<Array> tracers = new ArrayList<>(axisOfLeaf.length);
                for (int i = 0; i < axisOfLeaf.length; i++) {
                    Array x = a.leaves().get(i);
                    tracers.add(axisOfLeaf[i] < 0 ? x : trace.tracer(x, axisOfLeaf[i]));
                }
                flat = Tree.treeFlatten(f.apply(a.with(tracers)));
                for (Array y : flat.leaves()) {
                    Args.checkLive(y);
                    if (outAxis == null) {
                        if (trace.owns(y)) {
                            throw new TriadException("vmap", "an output of type " + y.type() + " depends on the mapped axis but out_axes is null");
                        }
                        results.add(y);
                    } else {
                        int rank = y.ndim() + 1;
                        int axis = outAxis < 0 ? outAxis + rank : outAxis;
                        if (axis < 0 || axis >= rank) throw new ShapeException("vmap", "out_axes " + outAxis + " is out of range for an output of type " + y.type());
                        results.add(trace.materialize(y, axis));
                    }
                }
            }
            return frame.escape(flat.def().unflatten(results));
        }
    }
}
