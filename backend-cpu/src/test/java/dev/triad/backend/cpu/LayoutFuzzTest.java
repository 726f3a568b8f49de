package dev.triad.backend.cpu;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.prims.Keys;
import dev.triad.spi.prims.Prims;
import dev.triad.spi.types.DType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static dev.triad.backend.cpu.CpuTesting.iota;
import static dev.triad.backend.cpu.CpuTesting.run;
import static dev.triad.backend.cpu.CpuTesting.values;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random layouts (permuted, flipped, offset, broadcast) through the walkers every kernel
 * shares, against values computed here element by element from the view's own strides.
 */
class LayoutFuzzTest {
    private final Random rng = new Random(11);

    /** A random view of a fresh 0, 1, 2, ... array: permuted axes, some flipped, at an offset. */
    private record View(DeviceArray base, DeviceArray view, long offset, long[] shape, long[] strides) {
        double at(long[] idx) {
            long off = offset;
            for (int i = 0; i < idx.length; i++) off += idx[i] * strides[i];
            return off;
        }
    }

    private View randomView(long[] shape) {
        int r = shape.length;
        List<Integer> perm = new ArrayList<>();
        for (int i = 0; i < r; i++) perm.add(i);
        Collections.shuffle(perm, rng);
        // Storage in the permuted order, contiguous, after a random lead.
        long[] storeShape = new long[r];
        for (int i = 0; i < r; i++) storeShape[i] = shape[perm.get(i)];
        long lead = rng.nextInt(5);
        long numel = 1;
        for (long d : shape) numel *= d;
        DeviceArray base = iota(DType.F32, lead + numel);
        long[] storeStrides = new long[r];
        long acc = 1;
        for (int i = r - 1; i >= 0; i--) {
            storeStrides[i] = acc;
            acc *= storeShape[i];
        }
        long[] strides = new long[r];
        long offset = lead;
        for (int i = 0; i < r; i++) {
            int storeAxis = perm.indexOf(i);
            strides[i] = storeStrides[storeAxis];
            if (rng.nextBoolean()) {
                offset += (shape[i] - 1) * strides[i];
                strides[i] = -strides[i];
            }
        }
        DeviceArray v = CpuTesting.view(base, offset, shape, strides);
        return new View(base, v, offset, shape, strides);
    }

    private long[] randomShape() {
        int r = 1 + rng.nextInt(4);
        long[] s = new long[r];
        for (int i = 0; i < r; i++) s[i] = 1 + rng.nextInt(r <= 2 ? 70 : 12);
        return s;
    }

    private static boolean next(long[] idx, long[] shape) {
        for (int d = shape.length - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) return true;
            idx[d] = 0;
        }
        return false;
    }

    @Test
    void unaryBinaryAndCopiesOnRandomLayouts() {
        for (int iter = 0; iter < 40; iter++) {
            long[] shape = randomShape();
            View a = randomView(shape), b = randomView(shape);
            // A broadcast third operand: size 1 along a random subset of dimensions.
            long[] small = shape.clone();
            for (int i = 0; i < small.length; i++) if (rng.nextBoolean()) small[i] = 1;
            View c = randomView(small);
            DeviceArray neg = run(Prims.NEG, Attrs.EMPTY, a.view());
            DeviceArray sum = run(Prims.ADD, Attrs.EMPTY, a.view(), b.view());
            DeviceArray bc = run(Prims.MUL, Attrs.EMPTY, b.view(), c.view());
            DeviceArray copy = run(Prims.RESHAPE, Attrs.of(Keys.SHAPE, dev.triad.spi.types.Shape.of(a.view().type().numel())), a.view());
            double[] vn = values(neg), vs = values(sum), vb = values(bc), vc = values(copy);
            long[] idx = new long[shape.length];
            int flat = 0;
            do {
                long[] cidx = idx.clone();
                for (int i = 0; i < cidx.length; i++) if (small[i] == 1) cidx[i] = 0;
                String where = Arrays.toString(shape) + " at " + Arrays.toString(idx);
                assertEquals(-a.at(idx), vn[flat], 0.0, "neg " + where);
                assertEquals(a.at(idx) + b.at(idx), vs[flat], 0.0, "add " + where);
                assertEquals((float) (b.at(idx) * c.at(cidx)), vb[flat], 0.0, "mul " + where);
                assertEquals(a.at(idx), vc[flat], 0.0, "reshape " + where);
                flat++;
            } while (next(idx, shape));
            CpuTesting.close(neg, sum, bc, copy, a.view(), a.base(), b.view(), b.base(), c.view(), c.base());
        }
    }

    @Test
    void reductionsOnRandomLayoutsAndAxes() {
        for (int iter = 0; iter < 40; iter++) {
            long[] shape = randomShape();
            View a = randomView(shape);
            List<Integer> axesList = new ArrayList<>();
            for (int i = 0; i < shape.length; i++) if (rng.nextBoolean()) axesList.add(i);
            int[] axes = axesList.stream().mapToInt(Integer::intValue).toArray();
            DeviceArray sum = run(Prims.REDUCE_SUM, Attrs.of(Keys.AXES, axes, Keys.KEEP_DIMS, true), a.view());
            DeviceArray max = run(Prims.REDUCE_MAX, Attrs.of(Keys.AXES, axes, Keys.KEEP_DIMS, true), a.view());
            long[] outShape = sum.shape().toArray();
            double[] es = new double[(int) sum.type().numel()], em = new double[es.length];
            Arrays.fill(em, Double.NEGATIVE_INFINITY);
            long[] idx = new long[shape.length];
            do {
                long o = 0;
                for (int i = 0; i < shape.length; i++) o = o * outShape[i] + (outShape[i] == 1 ? 0 : idx[i]);
                es[(int) o] += a.at(idx);
                em[(int) o] = Math.max(em[(int) o], a.at(idx));
            } while (next(idx, shape));
            double[] gs = values(sum), gm = values(max);
            for (int i = 0; i < es.length; i++) {
                String where = Arrays.toString(shape) + " axes " + Arrays.toString(axes) + " result " + i;
                assertEquals(es[i], gs[i], 1e-6 * Math.max(1, Math.abs(es[i])), "sum " + where);
                assertEquals(em[i], gm[i], 0.0, "max " + where);
            }
            CpuTesting.close(sum, max, a.view(), a.base());
        }
    }
}
