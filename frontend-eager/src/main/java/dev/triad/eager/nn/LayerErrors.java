package dev.triad.eager.nn;

import dev.triad.spi.error.ArityException;
import dev.triad.spi.error.AttributeException;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.IndexOutOfRangeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Adds the layer to an input error: an error raised by an op inside a layer's forward is
 * re-thrown, as the same exception type, with the layer's description and path in front
 * ({@code Conv2d(...) [layer 'conv2' of Net]: conv: kernel ...}). The innermost layer names
 * itself; outer layers pass the error on unchanged.
 */
final class LayerErrors {
    private LayerErrors() {}

    // Errors that already name their layer; weak, so they do not outlive their stack.
    private static final Set<Throwable> LOCATED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    /** {@code e} with {@code m} named, or {@code e} itself when it is not an input error or already names a layer. */
    static TriadException locate(Module m, TriadException e) {
        if (LOCATED.contains(e)) return e;
        String where = where(m);
        String msg = e.getMessage();
        TriadException r = switch (e) {
            case ShapeException s -> new ShapeException(where, msg);
            case DTypeException d -> new DTypeException(where, msg);
            case AttributeException a -> new AttributeException(where, msg);
            case IndexOutOfRangeException i -> new IndexOutOfRangeException(where, msg);
            case ArityException a -> new ArityException(where, msg);
            default -> null;
        };
        if (r == null) return e;
        r.initCause(e);
        LOCATED.add(r);
        return r;
    }

    /** A shape error raised by layer {@code m} itself. */
    static ShapeException shape(Module m, String message) {
        ShapeException e = new ShapeException(where(m), message);
        LOCATED.add(e);
        return e;
    }

    /** A dtype error raised by layer {@code m} itself. */
    static DTypeException dtype(Module m, String message) {
        DTypeException e = new DTypeException(where(m), message);
        LOCATED.add(e);
        return e;
    }

    private static String where(Module m) {
        String loc = m.location();
        return m.describe() + (loc == null ? "" : " [" + loc + "]");
    }
}
