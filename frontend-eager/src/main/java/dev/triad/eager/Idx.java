package dev.triad.eager;

import dev.triad.spi.error.TriadException;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a NumPy-style index: an integer ({@link #at}), a slice ({@link #slice}, with
 * {@link #all} for {@code :}), a new axis ({@link #newAxis}, {@code None}) or an ellipsis
 * ({@link #ellipsis}, {@code ...}). {@link #parse} reads the Python spelling, so
 * {@code x.index("..., 1:3, None, ::-1")} reads like {@code x[..., 1:3, None, ::-1]}.
 */
public sealed interface Idx {
    /** One position; removes the dimension. Negative counts from the end. */
    record At(long index) implements Idx {}

    /** {@code start:stop:step}; null bounds mean "from the start/to the end" in the step's direction. */
    record Slice(Long start, Long stop, long step) implements Idx {}

    /** A new size-1 dimension. */
    record NewAxis() implements Idx {}

    /** As many {@code :} as needed to cover the remaining dimensions. */
    record Ellipsis() implements Idx {}

    /** {@code i}. */
    static Idx at(long i) { return new At(i); }
    /** {@code start:stop}. */
    static Idx slice(long start, long stop) { return new Slice(start, stop, 1); }
    /** {@code start:stop:step}. */
    static Idx slice(Long start, Long stop, long step) { return new Slice(start, stop, step); }
    /** {@code :}. */
    static Idx all() { return new Slice(null, null, 1); }
    /** {@code None}. */
    static Idx newAxis() { return new NewAxis(); }
    /** {@code ...}. */
    static Idx ellipsis() { return new Ellipsis(); }

    /** Parses a comma-separated Python index such as {@code "0, 1:3, ::2, ..., None, -1"}. */
    static Idx[] parse(String spec) {
        List<Idx> out = new ArrayList<>();
        if (spec.isBlank()) return new Idx[0];
        for (String raw : spec.split(",", -1)) {
            String p = raw.trim();
            try {
                if (p.equals("...")) out.add(ellipsis());
                else if (p.equals("None") || p.equals("newaxis")) out.add(newAxis());
                else if (p.contains(":")) {
                    String[] parts = p.split(":", -1);
                    if (parts.length > 3) throw new NumberFormatException(p);
                    Long start = parseBound(parts[0]), stop = parseBound(parts[1]);
                    Long step = parts.length == 3 ? parseBound(parts[2]) : null;
                    out.add(new Slice(start, stop, step == null ? 1 : step));
                } else out.add(at(Long.parseLong(p)));
            } catch (NumberFormatException e) {
                throw new TriadException("index", "cannot parse index entry '" + p + "' in \"" + spec
                        + "\"; expected an integer, start:stop:step, ..., or None");
            }
        }
        return out.toArray(new Idx[0]);
    }

    private static Long parseBound(String s) {
        String t = s.trim();
        return t.isEmpty() ? null : Long.parseLong(t);
    }
}
