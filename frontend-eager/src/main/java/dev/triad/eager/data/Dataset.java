package dev.triad.eager.data;

import java.util.List;

/**
 * A finite, indexable collection of examples. {@link #get} must be safe to call from several
 * threads at once (the {@link DataLoader}'s workers do) and must return the same value for the
 * same index, so that a seeded run can be repeated.
 *
 * @param <T> the element type
 */
public interface Dataset<T> {
    /** The number of elements. */
    int size();

    /** Element {@code index}, {@code 0 <= index < size()}. */
    T get(int index);

    /** The first {@code n} elements (all of them when {@code n >= size()}). */
    default Dataset<T> limit(int n) {
        if (n < 0) throw new IllegalArgumentException("limit must be non-negative, got " + n);
        return slice(0, Math.min(n, size()));
    }

    /** Elements {@code from} (inclusive) to {@code to} (exclusive), without copying. */
    default Dataset<T> slice(int from, int to) {
        if (from < 0 || to < from || to > size()) throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of a data set of " + size());
        Dataset<T> base = this;
        return new Dataset<>() {
            @Override public int size() { return to - from; }
            @Override public T get(int index) {
                if (index < 0 || index >= to - from) throw new IndexOutOfBoundsException("index " + index + " of " + (to - from));
                return base.get(from + index);
            }
        };
    }

    /** A data set over a list (not copied). */
    static <T> Dataset<T> of(List<T> items) {
        return new Dataset<>() {
            @Override public int size() { return items.size(); }
            @Override public T get(int index) { return items.get(index); }
        };
    }
}
