package dev.triad.eager;

/**
 * The version counter of one storage, shared by a tensor and all its views. Every in-place
 * write bumps it; autograd remembers the version of each tensor it saves and refuses to use a
 * saved tensor whose version has moved on, because its values are no longer the ones the
 * derivative needs.
 */
final class Version {
    private int value;

    /** The current version. */
    int get() { return value; }

    /** Records one in-place write. */
    void bump() { value++; }
}
