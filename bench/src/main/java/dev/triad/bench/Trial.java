package dev.triad.bench;

import dev.triad.bench.check.CheckFailedException;
import dev.triad.bench.check.CheckLog;
import dev.triad.bench.check.CheckOutcome;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.error.UnsupportedOpException;
import dev.triad.spi.types.Shape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One JMH trial's resources: the backend named by the {@code backend} parameter, the arrays
 * uploaded for it, and the once-per-trial output check. Closing it releases the arrays, then
 * the backend.
 */
public final class Trial implements AutoCloseable {
    private final String benchmark;
    private final Map<String, String> params;
    private final Backend backend;
    private final List<DeviceArray> owned = new ArrayList<>();

    private Trial(String benchmark, Map<String, String> params, Backend backend) {
        this.benchmark = benchmark;
        this.params = params;
        this.backend = backend;
    }

    /**
     * Opens the trial of {@code benchmark} with {@code params} (which must hold {@code backend}),
     * or throws {@link BenchBackend.SkippedException} when the backend is unavailable.
     */
    public static Trial open(String benchmark, Map<String, String> params) {
        Map<String, String> p = new LinkedHashMap<>(params);
        String name = p.get("backend");
        if (name == null) throw new IllegalArgumentException(benchmark + ": no backend parameter");
        return new Trial(benchmark, p, BenchBackend.open(name, benchmark, CheckLog.key(p)));
    }

    /** The backend. */
    public Backend backend() { return backend; }

    /** The parameters of this trial. */
    public Map<String, String> params() { return params; }

    /** Uploads F32 {@code values} of shape {@code dims}; the array lives until {@link #close()}. */
    public DeviceArray upload(float[] values, long... dims) {
        DeviceArray a = backend.upload(HostData.f32(Shape.of(dims), values));
        owned.add(a);
        return a;
    }

    /** Every element of {@code a} as floats (waits for the device). */
    public float[] download(DeviceArray a) { return backend.download(a).toFloats(); }

    /**
     * Runs the trial's output check once and records it. A mismatch is recorded and rethrown,
     * so the trial reports no time; a primitive the backend declares unsupported turns into a
     * skip with the backend's reason.
     */
    public CheckOutcome verify(Supplier<CheckOutcome> check) {
        try {
            // Recorded in the check log (or printed, when a plain JMH run has none).
            return CheckLog.passed(benchmark, params, check.get());
        } catch (UnsupportedOpException e) {
            throw BenchBackend.skip(benchmark, CheckLog.key(params), e.getMessage());
        } catch (CheckFailedException e) {
            System.err.println("triad-bench: CHECK FAILED " + benchmark + " [" + CheckLog.key(params) + "]: " + e.getMessage());
            CheckLog.failed(benchmark, params, e.getMessage());
            throw e;
        }
    }

    /** Closes the uploaded arrays, then the backend. */
    @Override
    public void close() {
        for (DeviceArray a : owned) a.close();
        owned.clear();
        backend.close();
    }
}
