package dev.triad.eager.data;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.DTypeException;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Float access to F32 {@code [C, H, W]} images, shared by the image transforms. */
final class Images {
    private Images() {}

    /** Checks that {@code a} is an F32 image of rank 3 and returns its floats (a copy). */
    static float[] floats(String op, HostArray a) {
        if (a.dtype() != DType.F32) throw new DTypeException(op, "expects an F32 image, got " + a.type());
        if (a.shape().rank() != 3) throw new ShapeException(op, "expects an image [C, H, W], got " + a.type());
        float[] out = new float[Math.toIntExact(a.numel())];
        ByteBuffer.wrap(a.bytes()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** An F32 host array of the given dimensions over {@code values}. */
    static HostArray of(float[] values, long... dims) {
        byte[] bytes = new byte[values.length * 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
        return HostArray.wrap(new TensorType(DType.F32, Shape.of(dims)), bytes);
    }
}
