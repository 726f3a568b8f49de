package dev.triad.functional.tree;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a class that is not a list or map takes part in pytrees: how to list its children and
 * how to build it back from them. Records get one automatically (children are the components,
 * in declaration order); other classes are registered with {@link Tree#registerNode}.
 */
final class NodeType {
    private final Class<?> type;
    private final Function<Object, List<Object>> children;
    private final Function<List<Object>, Object> rebuild;
    private final List<String> labels;

    NodeType(Class<?> type, Function<Object, List<Object>> children, Function<List<Object>, Object> rebuild, List<String> labels) {
        this.type = type;
        this.children = children;
        this.rebuild = rebuild;
        this.labels = labels;
    }

    /** The node type of record class {@code type}, reading components through method handles. */
    static NodeType ofRecord(Class<?> type) {
        RecordComponent[] comps = type.getRecordComponents();
        MethodHandle[] getters = new MethodHandle[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        List<String> labels = new ArrayList<>(comps.length);
        MethodHandle ctor;
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            for (int i = 0; i < comps.length; i++) {
                var accessor = comps[i].getAccessor();
                accessor.setAccessible(true);
                getters[i] = lookup.unreflect(accessor).asType(MethodType.methodType(Object.class, Object.class));
                types[i] = comps[i].getType();
                labels.add(comps[i].getName());
            }
            var c = type.getDeclaredConstructor(types);
            c.setAccessible(true);
            ctor = lookup.unreflectConstructor(c).asSpreader(Object[].class, comps.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("record " + type.getName() + " cannot be used as a pytree node: " + e, e);
        }
        MethodHandle construct = ctor;
        return new NodeType(type, value -> {
            List<Object> out = new ArrayList<>(getters.length);
            for (MethodHandle g : getters) out.add(invoke(g, value));
            return out;
        }, values -> {
            try {
                return construct.invokeExact(values.toArray());
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("cannot rebuild record " + type.getName() + ": " + t, t);
            }
        }, List.copyOf(labels));
    }

    private static Object invoke(MethodHandle getter, Object value) {
        try {
            return getter.invokeExact(value);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The children of {@code value}, in order. */
    List<Object> children(Object value) { return children.apply(value); }

    /** A value of this type built from {@code values}. */
    Object rebuild(List<Object> values) { return rebuild.apply(values); }

    /** The simple class name, for the text form. */
    String name() { return type.getSimpleName(); }

    /** The name of child {@code i} (a record component), or null. */
    String label(int i) { return labels != null && i < labels.size() ? labels.get(i) : null; }

    @Override
    public boolean equals(Object o) { return o instanceof NodeType n && n.type == type; }

    @Override
    public int hashCode() { return Objects.hashCode(type); }
}
