package dev.triad.backend.cuda;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded least-recently-used cache of native descriptor sets keyed by shape: creating cuDNN
 * descriptors and running its algorithm heuristic costs far more than a small convolution, and
 * training repeats the same few shapes every step. Evicted and remaining entries are closed
 * (their descriptors destroyed). Not thread-safe: used under the runtime's lock.
 *
 * @param <V> the cached native objects
 */
final class DescriptorCache<V extends AutoCloseable> implements AutoCloseable {
    private final int capacity;
    private final LinkedHashMap<String, V> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long hits;
    private long misses;

    DescriptorCache(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity " + capacity + " must be >= 1");
        this.capacity = capacity;
    }

    /** The entry for {@code key}, created by {@code create} on a miss (evicting the least recently used one when full). */
    V get(String key, Function<String, V> create) {
        V v = entries.get(key);
        if (v != null) {
            hits++;
            return v;
        }
        misses++;
        v = create.apply(key);
        if (entries.size() >= capacity) {
            Map.Entry<String, V> eldest = entries.entrySet().iterator().next();
            entries.remove(eldest.getKey());
            closeQuietly(eldest.getValue());
        }
        entries.put(key, v);
        return v;
    }

    /** Entries held. */
    int size() { return entries.size(); }

    /** Lookups answered from the cache. */
    long hits() { return hits; }

    /** Lookups that created an entry. */
    long misses() { return misses; }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Destroying a descriptor only fails on a lost device, which is reported elsewhere.
        }
    }

    @Override
    public void close() {
        for (V v : entries.values()) closeQuietly(v);
        entries.clear();
    }
}
