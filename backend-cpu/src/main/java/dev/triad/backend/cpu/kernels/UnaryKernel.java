package dev.triad.backend.cpu.kernels;

import dev.triad.backend.cpu.CpuKernel;
import dev.triad.backend.cpu.CpuThreads;
import dev.triad.backend.cpu.StridedView;
import dev.triad.spi.backend.Support;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.types.DType;

import java.util.List;

/** One unary elementwise primitive: loads runs into the input's lane, applies the function, stores. */
public final class UnaryKernel implements CpuKernel {
    private final UnaryFn fn;

    private UnaryKernel(UnaryFn fn) { this.fn = fn; }

    /** The kernel for the unary primitive called {@code name} (e.g. {@code exp}). */
    public static UnaryKernel of(String name) {
        return new UnaryKernel(UnaryFn.valueOf(name.toUpperCase(java.util.Locale.ROOT)));
    }

    @Override
    public Support supports(DType dtype) {
        return fn.accepted.contains(dtype) ? Support.YES
                : Support.no(fn.name().toLowerCase(java.util.Locale.ROOT) + " is defined for " + fn.accepted.name().toLowerCase(java.util.Locale.ROOT) + " types only");
    }

    @Override
    public void run(Attrs attrs, List<StridedView> inputs, StridedView out, CpuThreads threads) {
        StridedView x = inputs.get(0);
        UnaryFn f = fn.forDType(x.dtype());
        Lane lane = Lane.of(x.dtype());
        long[][] strides = {x.strides(), out.strides()};
        long[] offsets = {x.offset(), out.offset()};
        ElementwiseLoop.run(out.shape(), strides, offsets, threads, f.costNs, lease -> {
            Operand in = new Operand(x.segment(), x.dtype(), lane, lease);
            Operand res = new Operand(out.segment(), out.dtype(), lane, lease);
            return (off, step, n) -> {
                in.load(off[0], step[0], n);
                res.target(off[1], step[1]);
                switch (lane) {
                    case F32 -> f.f32(in.seg, in.byteOffset, res.seg, res.byteOffset, n);
                    case F64 -> f.f64(in.seg, in.byteOffset, res.seg, res.byteOffset, n);
                    case I64 -> f.i64(in.seg, in.byteOffset, res.seg, res.byteOffset, n);
                }
                res.flush(off[1], step[1], n);
            };
        });
    }
}
