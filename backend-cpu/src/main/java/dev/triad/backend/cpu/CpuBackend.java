package dev.triad.backend.cpu;

import dev.triad.backend.cpu.kernels.SelectCastKernels;
import dev.triad.backend.cpu.kernels.StridedCopy;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Buffer;
import dev.triad.spi.backend.Device;
import dev.triad.spi.backend.DeviceAllocator;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Dispatch;
import dev.triad.spi.backend.Executable;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.backend.Support;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.error.UnsupportedOpException;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU backend: one device ({@code cpu:0}), off-heap buffers, and the kernels of a
 * {@link KernelTable}. Work runs synchronously on the calling thread and the
 * {@link CpuThreads} pool, so {@link #synchronize()} has nothing to wait for.
 */
public final class CpuBackend implements Backend {
    /** The id of the one device. */
    public static final String DEVICE_ID = "cpu:0";

    private final KernelTable kernels;
    private final CpuThreads threads;
    private final CpuAllocator allocator;
    private final Device device;

    /** A backend running {@code kernels} on {@code threads}. */
    public CpuBackend(KernelTable kernels, CpuThreads threads) {
        this(kernels, threads, Map.of());
    }

    /**
     * A backend running {@code kernels} on {@code threads}, with {@code extraProperties}
     * (e.g. what oneDNN loaded, or why not) added to the device's properties.
     */
    public CpuBackend(KernelTable kernels, CpuThreads threads, Map<String, String> extraProperties) {
        this.kernels = kernels;
        this.threads = threads;
        this.allocator = new CpuAllocator(DEVICE_ID, Long.MAX_VALUE);
        String model = CpuInfo.model();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("threads", String.valueOf(threads.threads()));
        props.put("pool", threads.describePool());
        props.put("simd_bits", String.valueOf(CpuInfo.simdBits()));
        props.put("model", model);
        props.put("memory", CpuInfo.formatBytes(CpuInfo.physicalMemory()));
        props.putAll(extraProperties);
        this.device = new Device(DEVICE_ID, model, props);
    }

    @Override
    public String name() { return CpuBackendProvider.NAME; }

    @Override
    public List<Device> devices() { return List.of(device); }

    @Override
    public DeviceAllocator allocator() { return allocator; }

    /** The kernel table (to register a faster kernel for one primitive). */
    public KernelTable kernels() { return kernels; }

    /** The thread pool kernels split work over. */
    public CpuThreads threads() { return threads; }

    /** True for composites with a fused kernel in the table (scaled_add; oneDNN softmax, layer and batch norm). */
    @Override
    public boolean hasFusedKernel(Primitive composite) { return kernels.composite(composite) != null; }

    /**
     * Composites are supported: they run as their fused kernel where the table has one that
     * takes the case, else as their decomposition, whose primitives are each checked when
     * dispatched. A primitive is supported when its kernel says so.
     */
    @Override
    public Support supports(Primitive p, DType dtype) {
        if (p.isComposite()) return Support.YES;
        CpuKernel k = kernels.get(p);
        return k == null ? Support.no("the CPU backend has no kernel for " + p.name()) : k.supports(dtype);
    }

    @Override
    public DeviceArray upload(HostArray host) {
        long bytes = host.type().byteSize();
        Buffer buffer = Buffer.allocate(allocator, bytes);
        MemorySegment.copy(host.segment(), 0, (MemorySegment) buffer.handle(), 0, bytes);
        return DeviceArray.contiguous(this, buffer, host.type());
    }

    @Override
    public HostArray download(DeviceArray array) {
        HostArray host = HostArray.zeros(array.dtype(), array.shape());
        StridedView dst = StridedView.contiguous(host.segment(), array.dtype(), array.shape().toArray());
        StridedCopy.copy(view(array), dst, threads);
        return host;
    }

    @Override
    public DeviceArray execute(Primitive p, Attrs attrs, List<DeviceArray> inputs, TensorType resultType) {
        CompositeKernel fused = p.isComposite() ? kernels.composite(p) : null;
        CpuKernel kernel = fused != null ? null : kernels.get(p);
        if (kernel == null && fused == null) throw new UnsupportedOpException(p.name(), "the CPU backend has no kernel for it");
        List<StridedView> views = new ArrayList<>(inputs.size());
        for (DeviceArray a : inputs) views.add(view(a));
        Buffer buffer = Buffer.allocate(allocator, resultType.byteSize());
        boolean done;
        try {
            StridedView out = StridedView.contiguous((MemorySegment) buffer.handle(), resultType.dtype(), resultType.shape().toArray());
            if (fused != null) {
                done = fused.tryRun(attrs, views, out, threads);
            } else {
                kernel.run(attrs, views, out, threads);
                done = true;
            }
        } catch (RuntimeException | Error e) {
            // A failed kernel (e.g. an index out of range) must not leak its result buffer.
            buffer.release();
            throw e;
        }
        if (done) return DeviceArray.contiguous(this, buffer, resultType);
        // The fused kernel declined this case: the composite runs as its decomposition.
        buffer.release();
        return Dispatch.decompose(this, p, attrs, inputs);
    }

    /** The elementwise kernels walk any output strides, so the result goes straight into {@code out}. */
    @Override
    public void executeInto(Primitive p, Attrs attrs, List<DeviceArray> inputs, DeviceArray out) {
        List<StridedView> views = new ArrayList<>(inputs.size());
        for (DeviceArray a : inputs) views.add(view(a));
        if (p.isComposite()) {
            // Only pointwise composites come here (Dispatch.mayWriteInto); their kernels walk any output strides.
            CompositeKernel fused = kernels.composite(p);
            if (fused != null && fused.tryRun(attrs, views, view(out), threads)) return;
            try (DeviceArray r = Dispatch.decompose(this, p, attrs, inputs)) {
                copyInto(r, out);
            }
            return;
        }
        CpuKernel kernel = kernels.get(p);
        if (kernel == null) throw new UnsupportedOpException(p.name(), "the CPU backend has no kernel for it");
        kernel.run(attrs, views, view(out), threads);
    }

    @Override
    public void copyInto(DeviceArray src, DeviceArray dst) {
        for (DeviceArray a : List.of(src, dst)) {
            if (a.backend() != this) {
                throw new TriadException("copy_into", "array " + a.type() + " lives on backend '" + a.backend().name() + "', not on 'cpu'");
            }
        }
        if (!src.shape().equals(dst.shape())) {
            throw new ShapeException("copy_into", "cannot copy " + src.type() + " into " + dst.type() + "; expected equal shapes");
        }
        for (int i = 0; i < dst.shape().rank(); i++) {
            if (dst.stride(i) == 0 && dst.shape().dim(i) > 1) {
                throw new ShapeException("copy_into", "destination " + dst + " is a broadcast view (stride 0 along dimension " + i
                        + "); expected a view whose elements are distinct");
            }
        }
        SelectCastKernels.convertCopy(view(src), view(dst), threads);
    }

    /**
     * Compiles {@code graph} with fused elementwise chains and zero-copy movement ops
     * ({@link CpuExecutable}). {@code -Dtriad.cpu.fuse=false} keeps the spi's interpreter, for
     * comparisons.
     */
    @Override
    public Executable compile(Graph graph) {
        if (!FUSE) return Backend.super.compile(graph);
        return new CpuExecutable(this, graph);
    }

    private static final boolean FUSE = !"false".equalsIgnoreCase(System.getProperty("triad.cpu.fuse", "true"));

    @Override
    public void synchronize() {
        // Every kernel has finished when execute returns.
    }

    /** Hands cached blocks back to the system; arrays still open stay valid. */
    @Override
    public void close() {
        allocator.emptyCache();
    }

    /** The kernel's view of an array. */
    static StridedView view(DeviceArray a) {
        return new StridedView((MemorySegment) a.buffer().handle(), a.dtype(), a.offset(), a.shape().toArray(), a.strides());
    }
}
