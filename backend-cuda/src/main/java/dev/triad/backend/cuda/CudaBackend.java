package dev.triad.backend.cuda;

import dev.triad.backend.cuda.kernels.Exec;
import dev.triad.backend.cuda.kernels.LibraryOps;
import dev.triad.codegen.c.CudaDialect;
import dev.triad.codegen.c.runtime.FusedExecutable;
import dev.triad.codegen.c.runtime.GpuOp;
import dev.triad.codegen.c.runtime.KernelTable;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Buffer;
import dev.triad.spi.backend.Device;
import dev.triad.spi.backend.DeviceAllocator;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Executable;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.backend.Support;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.error.UnsupportedOpException;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.Interpreter;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CUDA backend on one device. Arrays live in pooled device allocations; every op queues
 * kernels (or cuBLAS/cuDNN calls) on the device's one stream and returns without waiting. Data
 * crosses to the host only in {@link #upload}, {@link #download} and the index checks of
 * gather/scatter_add, through pinned staging memory.
 */
public final class CudaBackend implements Backend {
    /** System property that turns fusion off ({@code false}): compiled graphs then run node by node. */
    public static final String FUSION_PROPERTY = "triad.cuda.fusion";

    private final DeviceInfo info;
    private final CudaRuntime rt;
    private final CudaAllocator allocator;
    private final Libraries libs;
    private final List<Device> devices;
    private final KernelTable<Exec> table = LibraryOps.table();
    private final Exec exec;
    private volatile boolean closed;

    CudaBackend(DeviceInfo info, List<DeviceInfo> all) {
        this.info = info;
        this.rt = new CudaRuntime(info);
        try {
            this.allocator = new CudaAllocator(info.id(), info.totalMemory(), rt);
            this.libs = new Libraries(rt, allocator);
        } catch (RuntimeException | Error e) {
            rt.close();
            throw e;
        }
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("kernels", "NVRTC " + rt.arch().describe());
        extra.putAll(libs.describe());
        List<Device> ds = new ArrayList<>();
        ds.add(info.toDevice(extra));
        for (DeviceInfo d : all) if (d.index() != info.index()) ds.add(d.toDevice(Map.of()));
        this.devices = List.copyOf(ds);
        this.exec = new Exec(rt, this, libs);
    }

    @Override
    public String name() { return CudaBackendProvider.NAME; }

    @Override
    public List<Device> devices() { return devices; }

    /** The selected device's description. */
    public DeviceInfo deviceInfo() { return info; }

    /** The device runtime, for fused kernels and diagnostics. */
    public CudaRuntime runtime() { return rt; }

    /** Calls that cuBLAS or cuDNN could not take and that ran on generated kernels, by op and reason. */
    public java.util.Map<String, Long> fallbacks() { return libs.fallbacks().snapshot(); }

    @Override
    public DeviceAllocator allocator() { return allocator; }

    @Override
    public Support supports(Primitive p, DType dtype) {
        // Every NVIDIA GPU computes every Triad dtype (16-bit floats in software where it lacks them).
        if (table.get(p) == null) return Support.no(p.isComposite() ? "composite ops run as their decomposition" : "no CUDA kernel for " + p.name());
        return Support.YES;
    }

    @Override
    public DeviceArray upload(HostArray host) {
        checkOpen();
        DeviceArray a = DeviceArray.contiguous(this, Buffer.allocate(allocator, host.type().byteSize()), host.type());
        try {
            if (host.bytes().length > 0) rt.write(Exec.mem(a).address(), host.bytes());
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
        return a;
    }

    @Override
    public HostArray download(DeviceArray array) {
        checkOpen();
        checkMine("download", array);
        TensorType t = array.type();
        byte[] bytes = new byte[Math.toIntExact(t.byteSize())];
        if (bytes.length == 0) return HostArray.wrap(t, bytes);
        if (array.isContiguous()) {
            rt.read(Exec.address(array), bytes);
        } else {
            try (DeviceArray c = exec.temp(t)) {
                exec.copyToContiguous("download", array, c);
                rt.read(Exec.mem(c).address(), bytes);
            }
        }
        return HostArray.wrap(t, bytes);
    }

    @Override
    public DeviceArray execute(Primitive p, Attrs attrs, List<DeviceArray> inputs, TensorType resultType) {
        checkOpen();
        GpuOp<? super Exec> op = table.get(p);
        if (op == null) throw new UnsupportedOpException(p.name(), "backend 'cuda' has no kernel for it");
        DeviceArray out = DeviceArray.contiguous(this, Buffer.allocate(allocator, resultType.byteSize()), resultType);
        try {
            op.run(exec, attrs, inputs, out);
            return out;
        } catch (CudaException e) {
            out.close();
            throw e.op() != null ? e : e.withOp(p.name());
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * Compiles {@code graph}: composites are expanded, chains of elementwise ops become one
     * NVRTC kernel each, the rest runs node by node. {@code -Dtriad.cuda.fusion=false} runs the
     * SPI's interpreter instead.
     */
    @Override
    public Executable compile(Graph graph) {
        checkOpen();
        if (!Boolean.parseBoolean(System.getProperty(FUSION_PROPERTY, "true"))) return new Interpreter(this, graph);
        return new FusedExecutable(exec, graph, CudaDialect.INSTANCE, rt.options(), n -> true);
    }

    @Override
    public void copyInto(DeviceArray src, DeviceArray dst) {
        checkOpen();
        checkMine("copy_into", src);
        checkMine("copy_into", dst);
        if (!src.shape().equals(dst.shape())) {
            throw new ShapeException("copy_into", "source " + src.type() + " and destination " + dst.type() + " differ in shape; expected equal shapes");
        }
        KernelTable.convert(exec, "copy_into", src, dst);
    }

    private void checkMine(String op, DeviceArray a) {
        if (a.isClosed()) throw new TriadException(op, "the array " + a.type() + " was already closed");
        if (a.backend() != this) {
            throw new TriadException(op, "the array " + a.type() + " lives on backend '" + a.backend().name() + "', not on this CUDA backend");
        }
    }

    @Override
    public void synchronize() {
        checkOpen();
        rt.synchronize();
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the CUDA backend on " + info.name() + " was closed");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            rt.synchronize();
        } catch (CudaException ignored) {
            // A lost device still releases what it can below.
        }
        libs.close();
        allocator.emptyCache();
        rt.close();
    }

    @Override
    public String toString() { return "cuda on " + info.id() + " (" + info.name() + ")"; }
}
