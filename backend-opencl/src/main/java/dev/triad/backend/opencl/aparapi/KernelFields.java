package dev.triad.backend.opencl.aparapi;

import com.aparapi.Kernel;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteOrder;

/**
 * The fields of a user's kernel that Triad fills before a run and reads after it, found by name
 * and checked when the op is declared: arrays for inputs and the output (their Java element
 * type fixes the dtype: {@code float[]} F32, {@code double[]} F64, {@code int[]} I32) and
 * {@code int} fields for sizes. Aparapi reads the kernel's fields, not arguments, so binding
 * means setting fields.
 */
final class KernelFields {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private KernelFields() {}

    /** An array field and the dtype its element type stands for. */
    record ArrayField(Field field, DType dtype) {
        void set(Kernel k, Object value) { KernelFields.set(field, k, value); }
        Object get(Kernel k) {
            try {
                return field.get(k);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The array field {@code name} of {@code kernel}'s class. */
    static ArrayField array(String op, Kernel kernel, String name, String role) {
        Field f = find(op, kernel, name, role);
        DType dtype;
        if (f.getType() == float[].class) dtype = DType.F32;
        else if (f.getType() == double[].class) dtype = DType.F64;
        else if (f.getType() == int[].class) dtype = DType.I32;
        else {
            throw new TriadException(op, role + " field '" + name + "' of " + kernel.getClass().getName() + " is " + f.getType().getSimpleName()
                    + "; expected float[] (F32), double[] (F64) or int[] (I32)");
        }
        return new ArrayField(f, dtype);
    }

    /** The {@code int} field {@code name} of {@code kernel}'s class. */
    static Field intField(String op, Kernel kernel, String name) {
        Field f = find(op, kernel, name, "size");
        if (f.getType() != int.class) {
            throw new TriadException(op, "size field '" + name + "' of " + kernel.getClass().getName() + " is " + f.getType().getSimpleName() + "; expected int");
        }
        return f;
    }

    private static Field find(String op, Kernel kernel, String name, String role) {
        for (Class<?> c = kernel.getClass(); c != null && c != Kernel.class; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                if (Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers())) {
                    throw new TriadException(op, role + " field '" + name + "' of " + kernel.getClass().getName() + " must be an instance field, not static or final");
                }
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // keep looking in the superclass
            }
        }
        throw new TriadException(op, kernel.getClass().getName() + " has no " + role + " field called '" + name + "'");
    }

    static void set(Field f, Kernel k, Object value) {
        try {
            f.set(k, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Java array of {@code dtype} holding {@code a}'s elements (its dtype is {@code dtype}: the shape rule checked it). */
    static Object toJava(HostArray a, DType dtype) {
        MemorySegment s = a.segment();
        int n = Math.toIntExact(a.numel());
        return switch (dtype) {
            case F32 -> {
                float[] out = new float[n];
                MemorySegment.copy(s, F32, 0, out, 0, n);
                yield out;
            }
            case F64 -> {
                double[] out = new double[n];
                MemorySegment.copy(s, F64, 0, out, 0, n);
                yield out;
            }
            case I32 -> {
                int[] out = new int[n];
                MemorySegment.copy(s, I32, 0, out, 0, n);
                yield out;
            }
            default -> throw new IllegalArgumentException("no Java array type for " + dtype);
        };
    }

    /** A new Java array of {@code dtype} with {@code n} elements. */
    static Object newJava(DType dtype, int n) {
        return switch (dtype) {
            case F32 -> new float[n];
            case F64 -> new double[n];
            case I32 -> new int[n];
            default -> throw new IllegalArgumentException("no Java array type for " + dtype);
        };
    }

    /** {@code array}'s elements as a host array of {@code type}. */
    static HostArray fromJava(Object array, TensorType type) {
        HostArray out = HostArray.zeros(type.dtype(), type.shape());
        MemorySegment s = out.segment();
        int n = Math.toIntExact(type.numel());
        switch (type.dtype()) {
            case F32 -> MemorySegment.copy(array, 0, s, F32, 0, n);
            case F64 -> MemorySegment.copy(array, 0, s, F64, 0, n);
            case I32 -> MemorySegment.copy(array, 0, s, I32, 0, n);
            default -> throw new IllegalArgumentException("no Java array type for " + type.dtype());
        }
        return out;
    }
}
