package dev.triad.eager.nn;

import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;

/** Puts the loss's name in front of an input error raised inside it. */
final class LossErrors {
    private LossErrors() {}

    static TriadException locate(Loss l, TriadException e) {
        TriadException r = switch (e) {
            case ShapeException s -> new ShapeException(l.toString(), e.getMessage());
            case DTypeException d -> new DTypeException(l.toString(), e.getMessage());
            default -> null;
        };
        if (r == null) return e;
        r.initCause(e);
        return r;
    }
}
