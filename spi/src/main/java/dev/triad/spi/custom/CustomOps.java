package dev.triad.spi.custom;

import dev.triad.spi.error.DuplicateOpException;
import dev.triad.spi.prims.Prims;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of custom ops. {@link Prims#byName} consults it after the built-in primitives,
 * so the graph text form, graph front-end op names and anything else that looks ops up by name
 * see registered custom ops. {@link Prims#all()} stays the built-in set: the conformance suite
 * tests that set, and a user's op brings its own tests.
 */
public final class CustomOps {
    private static final Map<String, CustomOp> BY_NAME = new ConcurrentHashMap<>();

    private CustomOps() {}

    /**
     * Makes {@code op} visible by name.
     *
     * @throws DuplicateOpException when a built-in primitive or another registered op has its name
     */
    public static void register(CustomOp op) {
        if (Prims.builtin(op.name()) != null) {
            throw new DuplicateOpException(op.name(), "a built-in primitive already has this name; choose another");
        }
        CustomOp previous = BY_NAME.putIfAbsent(op.name(), op);
        if (previous != null) {
            throw new DuplicateOpException(op.name(), "a custom op with this name is already registered"
                    + (previous.description().isEmpty() ? "" : " (" + previous.description() + ")") + "; unregister it first or choose another name");
        }
    }

    /**
     * Removes {@code op} from the registry (graphs that hold it keep working; parsing its name
     * fails afterwards). Returns false when it was not registered.
     */
    public static boolean unregister(CustomOp op) { return BY_NAME.remove(op.name(), op); }

    /** The registered op called {@code name}, or null. */
    public static CustomOp byName(String name) { return BY_NAME.get(name); }

    /** Every registered custom op, in no particular order. */
    public static List<CustomOp> all() { return List.copyOf(BY_NAME.values()); }
}
