package dev.triad.backend.opencl;

import dev.triad.backend.opencl.kernels.DeviceOps;
import dev.triad.backend.opencl.kernels.Exec;
import dev.triad.codegen.c.OpenClDialect;
import dev.triad.codegen.c.runtime.FusedExecutable;
import dev.triad.codegen.c.runtime.GpuOp;
import dev.triad.codegen.c.runtime.KernelTable;
import dev.triad.spi.graph.Node;
import dev.triad.spi.graph.Value;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Buffer;
import dev.triad.spi.backend.Device;
import dev.triad.spi.backend.DeviceAllocator;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.Executable;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.backend.Support;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.graph.Graph;
import dev.triad.spi.graph.Interpreter;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.error.UnsupportedOpException;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;

/**
 * The OpenCL backend on one device. Arrays live in pooled {@code cl_mem} buffers; every op
 * enqueues generated kernels on the device's in-order queue and returns without waiting, so
 * a chain of ops runs back to back on the device. Data crosses to the host only in
 * {@link #upload}, {@link #download} and the index checks of gather/scatter_add; strided
 * arrays are compacted on the device before a download.
 */
public final class OpenClBackend implements Backend {
    private final DeviceInfo info;
    private final List<Device> devices;
    private final ClRuntime rt;
    private final ClAllocator allocator;
    private final KernelTable<Exec> table = DeviceOps.table();
    private final Exec exec;
    private volatile boolean closed;

    OpenClBackend(DeviceInfo info, List<DeviceInfo> all) {
        this.info = info;
        List<Device> ds = new ArrayList<>();
        ds.add(info.toDevice(true));
        for (DeviceInfo d : all) if (d.index() != info.index()) ds.add(d.toDevice(false));
        this.devices = List.copyOf(ds);
        this.rt = new ClRuntime(info);
        this.allocator = new ClAllocator(info.id(), rt.context(), info.globalMemory(), info.maxAlloc());
        this.exec = new Exec(rt, this);
    }

    @Override
    public String name() { return OpenClBackendProvider.NAME; }

    /** The selected device first, then the other devices found (each usable by opening the backend on it). */
    @Override
    public List<Device> devices() { return devices; }

    /** The selected device's description. */
    public DeviceInfo deviceInfo() { return info; }

    /** The device runtime (programs, launches); for fused kernels and diagnostics. */
    public ClRuntime runtime() { return rt; }

    @Override
    public DeviceAllocator allocator() { return allocator; }

    @Override
    public Support supports(Primitive p, DType dtype) {
        if (table.get(p) == null) {
            return Support.no(p.isComposite() ? "composite ops run as their decomposition" : "no OpenCL kernel for " + p.name());
        }
        return KernelTable.movesRawBits(p) ? Support.YES : Exec.standard(dtype, info);
    }

    @Override
    public DeviceArray upload(HostArray host) {
        checkOpen();
        if (host.dtype() == DType.F64 && !info.fp64()) {
            // Storing doubles needs no fp64, but no kernel could read them: say so at the upload.
            throw new UnsupportedOpException("upload", "the device " + info.name() + " has no fp64; f64 arrays cannot be used on it");
        }
        Buffer b = Buffer.allocate(allocator, host.type().byteSize());
        DeviceArray a = DeviceArray.contiguous(this, b, host.type());
        try {
            rt.write(Exec.mem(a), 0, host.bytes());
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
            rt.read(Exec.mem(array), array.offset() * t.dtype().byteSize(), bytes);
        } else {
            try (DeviceArray c = exec.temp(t)) {
                exec.copyToContiguous("download", array, c);
                rt.read(Exec.mem(c), 0, bytes);
            }
        }
        return HostArray.wrap(t, bytes);
    }

    @Override
    public DeviceArray execute(Primitive p, Attrs attrs, List<DeviceArray> inputs, TensorType resultType) {
        checkOpen();
        GpuOp<? super Exec> op = table.get(p);
        if (op == null) throw new UnsupportedOpException(p.name(), "backend 'opencl' has no kernel for it");
        DeviceArray out = DeviceArray.contiguous(this, Buffer.allocate(allocator, resultType.byteSize()), resultType);
        try {
            op.run(exec, attrs, inputs, out);
            return out;
        } catch (OpenClException e) {
            out.close();
            if (e.op() != null) throw e;
            throw new OpenClException(p.name(), e.call(), e.code(), e.buildLog());
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** System property that turns fusion off ({@code false}): compiled graphs then run node by node. */
    public static final String FUSION_PROPERTY = "triad.opencl.fusion";

    /**
     * Compiles {@code graph}: composites are expanded, chains of elementwise ops become one
     * generated kernel each, and the rest runs node by node. With
     * {@code -Dtriad.opencl.fusion=false} the SPI's interpreter runs it instead.
     */
    @Override
    public Executable compile(Graph graph) {
        checkOpen();
        if (!Boolean.parseBoolean(System.getProperty(FUSION_PROPERTY, "true"))) return new Interpreter(this, graph);
        return new FusedExecutable(exec, graph, OpenClDialect.INSTANCE, rt.options(), this::computable);
    }

    /** Which elementwise nodes may join a fused kernel: those whose dtypes the device computes in (no f64 without fp64). */
    private boolean computable(Node n) {
        if (info.fp64()) return true;
        if (n.type().dtype() == DType.F64) return false;
        for (Value v : n.inputs()) if (v.type().dtype() == DType.F64) return false;
        return true;
    }

    @Override
    public void copyInto(DeviceArray src, DeviceArray dst) {
        checkOpen();
        checkMine("copy_into", src);
        checkMine("copy_into", dst);
        if (!src.shape().equals(dst.shape())) {
            throw new ShapeException("copy_into", "source " + src.type() + " and destination " + dst.type() + " differ in shape; expected equal shapes");
        }
        exec.requireDType("copy_into", dst.dtype());
        KernelTable.convert(exec, "copy_into", src, dst);
    }

    private void checkMine(String op, DeviceArray a) {
        if (a.isClosed()) throw new TriadException(op, "the array " + a.type() + " was already closed");
        if (a.backend() != this) {
            throw new TriadException(op, "the array " + a.type() + " lives on backend '" + a.backend().name() + "', not on this OpenCL backend");
        }
    }

    @Override
    public void synchronize() {
        checkOpen();
        rt.finish();
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the OpenCL backend on " + info.name() + " was closed");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        rt.finish();
        allocator.emptyCache();
        rt.close();
    }

    @Override
    public String toString() { return "opencl on " + info.id() + " (" + info.name() + ")"; }
}
