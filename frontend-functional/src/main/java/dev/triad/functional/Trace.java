package dev.triad.functional;

import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;

import java.util.List;

/**
 * One interpreter of primitives, at one level of the trace stack (JAX's {@code Trace}). Every
 * {@link Array} belongs to exactly one trace: concrete arrays to {@link EvalTrace} (level 0),
 * tracers to the transformation that made them. When a primitive is applied, {@link Core#bind}
 * hands it to the trace with the highest level among the inputs, which interprets it with
 * the primitive's own rule (JVP, batching, recording, graph building) and applies whatever
 * that needs to the level below, through {@link ArrayOps}, so transformations nest.
 */
abstract class Trace {
    private final int level;
    private final String name;
    private boolean active = true;

    Trace(int level, String name) {
        this.level = level;
        this.name = name;
    }

    /** Position in the trace stack; higher levels interpret first. */
    final int level() { return level; }

    /** The transformation's name for messages, e.g. {@code grad}. */
    final String name() { return name; }

    /** False once the transformation returned: its tracers may no longer be used. */
    final boolean isActive() { return active; }

    /** Marks the trace finished (called when it is popped). */
    final void deactivate() { active = false; }

    /** True when {@code x} is one of this trace's tracers. */
    final boolean owns(Array x) { return x.trace() == this; }

    /**
     * Whether creation ops (which have no inputs) and host constants belong to this trace:
     * only traces that stage a program (jit) are; the others leave them to the level below.
     */
    boolean isStaging() { return false; }

    /**
     * Applies {@code p} to {@code inputs}, at least one of which is this trace's tracer (or
     * this trace is the staging floor); the others come from lower levels.
     */
    abstract Array process(Primitive p, Attrs attrs, List<Array> inputs);

    /**
     * {@code x} (this trace's tracer) with its dependence on this level's perturbation cut:
     * {@link Transforms#stopGradient}.
     */
    abstract Array stopGradient(Array x);

    @Override
    public String toString() { return name + "@" + level; }
}
