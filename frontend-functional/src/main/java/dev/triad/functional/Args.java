package dev.triad.functional;

import dev.triad.functional.tree.Flat;
import dev.triad.functional.tree.Tree;
import dev.triad.spi.error.ArityException;
import dev.triad.spi.error.TriadException;

import java.util.ArrayList;
import java.util.List;

/**
 * Some arguments of a call taken apart into array leaves (for the transformation to replace
 * with tracers) and put back together around new leaves.
 */
final class Args {
    private final Object[] args;
    private final int[] positions;
    private final List<Flat> flats = new ArrayList<>();
    private final List<Array> leaves = new ArrayList<>();

    /** Flattens {@code args[i]} for each i in {@code positions}. */
    Args(String op, Object[] args, int[] positions) {
        this.args = args.clone();
        this.positions = positions.clone();
        for (int p : positions) {
            if (p < 0 || p >= args.length) {
                throw new ArityException(op, "argnum " + p + " is out of range for a call with " + args.length + " argument(s)");
            }
            Flat f = Tree.treeFlatten(args[p]);
            flats.add(f);
            leaves.addAll(f.leaves());
        }
    }

    /** Every argument position. */
    static int[] all(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    /** The array leaves of the selected arguments, in order. */
    List<Array> leaves() { return leaves; }

    /** The original arguments with the selected ones rebuilt from {@code newLeaves}. */
    Object[] with(List<Array> newLeaves) {
        if (newLeaves.size() != leaves.size()) throw new IllegalStateException("leaf count changed");
        Object[] out = args.clone();
        int k = 0;
        for (int i = 0; i < positions.length; i++) {
            int n = flats.get(i).leaves().size();
            out[positions[i]] = flats.get(i).def().unflatten(newLeaves.subList(k, k + n));
            k += n;
        }
        return out;
    }

    /** The selected arguments rebuilt from {@code newLeaves}: one value, or a list for several positions. */
    Object selected(List<Array> newLeaves, boolean asList) {
        List<Object> parts = new ArrayList<>(positions.length);
        int k = 0;
        for (int i = 0; i < positions.length; i++) {
            int n = flats.get(i).leaves().size();
            parts.add(flats.get(i).def().unflatten(newLeaves.subList(k, k + n)));
            k += n;
        }
        return asList ? java.util.Collections.unmodifiableList(parts) : parts.get(0);
    }

    /** Checks that {@code x}, a value returned by a transformed function, is not from a transformation that already returned. */
    static Array checkLive(Array x) {
        if (!x.trace().isActive()) {
            throw new TriadException("transform", "the function returned a value traced by " + x.trace().name()
                    + " that escaped its transformation; return only values computed from the arguments or constants");
        }
        return x;
    }
}
