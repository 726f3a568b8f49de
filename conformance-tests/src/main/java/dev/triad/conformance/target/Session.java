package dev.triad.conformance.target;

import dev.triad.conformance.reference.RefArray;
import dev.triad.spi.ops.Ops;

/**
 * A scope on a {@link Target}: values uploaded or computed in it are released by {@link #close()}.
 *
 * @param <T> the target's value type
 */
public interface Session<T> extends AutoCloseable {
    /** The algebra to apply ops with; every value it creates belongs to this session. */
    Ops<T> ops();

    /**
     * Puts {@code logical} on the target laid out as {@code layout}. For layouts that change
     * values ({@link Layout#BROADCAST}) pass {@link Layout#logical} of the data.
     */
    T upload(RefArray logical, Layout layout);

    /** Puts {@code value} on the target, contiguous. */
    default T upload(RefArray value) { return upload(value, Layout.CONTIGUOUS); }

    /** Reads a value back (logical values, whatever its layout). */
    RefArray download(T value);

    /** Releases everything created in this session. */
    @Override
    void close();
}
