package dev.triad.backend.cuda;

import dev.triad.spi.backend.JvmSignalGuard;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCompileProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCreateProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcDestroyProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBIN;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBINSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetNumSupportedArchs;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetPTX;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetPTXSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLog;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLogSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetSupportedArchs;
import static org.bytedeco.cuda.global.nvrtc.nvrtcVersion;

import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** NVRTC: generated CUDA C++ to a cubin or PTX image, with the compiler log on failure. */
final class Nvrtc {
    private Nvrtc() {}

    /** {@code major.minor} of the loaded NVRTC. */
    static String version() {
        try (IntPointer major = new IntPointer(1); IntPointer minor = new IntPointer(1)) {
            Cu.check(CudaErrors.Library.NVRTC, "nvrtcVersion", nvrtcVersion(major, minor));
            return major.get() + "." + minor.get();
        }
    }

    /** The architectures this NVRTC compiles for, e.g. {75, 80, 86, ...}. */
    static int[] supportedArchs() {
        try (IntPointer n = new IntPointer(1)) {
            Cu.check(CudaErrors.Library.NVRTC, "nvrtcGetNumSupportedArchs", nvrtcGetNumSupportedArchs(n));
            try (IntPointer archs = new IntPointer(n.get())) {
                Cu.check(CudaErrors.Library.NVRTC, "nvrtcGetSupportedArchs", nvrtcGetSupportedArchs(archs));
                int[] out = new int[n.get()];
                archs.get(out);
                return out;
            }
        }
    }

    /** Compiles {@code source} (named {@code name} in messages) for {@code arch}; a PTX image ends with its NUL. */
    static byte[] compile(String name, String source, List<String> options, ArchChoice arch) {
        _nvrtcProgram prog = new _nvrtcProgram();
        try (BytePointer src = new BytePointer(source, StandardCharsets.UTF_8); BytePointer file = new BytePointer(name + ".cu")) {
            Cu.check(CudaErrors.Library.NVRTC, "nvrtcCreateProgram(" + name + ")",
                    nvrtcCreateProgram(prog, src, file, 0, (PointerPointer<?>) null, (PointerPointer<?>) null));
        }
        try {
            String[] opts = new String[options.size() + 1];
            for (int i = 0; i < options.size(); i++) opts[i] = options.get(i);
            opts[options.size()] = arch.option();
            int rc;
            try (PointerPointer<BytePointer> o = new PointerPointer<>(opts)) {
                rc = nvrtcCompileProgram(prog, opts.length, o);
            } finally {
                // NVRTC is an LLVM-based compiler; keep the JVM's signal handlers (see JvmSignalGuard).
                JvmSignalGuard.restore();
            }
            if (rc != 0) {
                throw new CudaException(null, "nvrtcCompileProgram(" + name + ", " + String.join(" ", opts) + ")", CudaErrors.Library.NVRTC, rc, log(prog));
            }
            try (SizeTPointer size = new SizeTPointer(1)) {
                if (arch.cubin()) Cu.check(CudaErrors.Library.NVRTC, "nvrtcGetCUBINSize(" + name + ")", nvrtcGetCUBINSize(prog, size));
                else Cu.check(CudaErrors.Library.NVRTC, "nvrtcGetPTXSize(" + name + ")", nvrtcGetPTXSize(prog, size));
                try (BytePointer image = new BytePointer(size.get())) {
                    if (arch.cubin()) Cu.check(CudaErrors.Library.NVRTC, "nvrtcGetCUBIN(" + name + ")", nvrtcGetCUBIN(prog, image));
                    else Cu.check(CudaErrors.Library.NVRTC, "nvrtcGetPTX(" + name + ")", nvrtcGetPTX(prog, image));
                    byte[] out = new byte[(int) size.get()];
                    image.get(out);
                    return out;
                }
            }
        } finally {
            nvrtcDestroyProgram(prog);
        }
    }

    private static String log(_nvrtcProgram prog) {
        try (SizeTPointer size = new SizeTPointer(1)) {
            if (nvrtcGetProgramLogSize(prog, size) != 0 || size.get() <= 1) return "";
            try (BytePointer log = new BytePointer(size.get())) {
                if (nvrtcGetProgramLog(prog, log) != 0) return "";
                return log.getString(StandardCharsets.UTF_8);
            }
        }
    }
}
