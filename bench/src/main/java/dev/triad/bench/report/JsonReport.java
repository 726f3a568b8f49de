package dev.triad.bench.report;

import dev.triad.spi.backend.Device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report as JSON: every number of the HTML page plus the raw samples, for scripts and comparisons between runs. */
final class JsonReport {
    private JsonReport() {}

    static String render(BenchReport r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "triad-bench-report/1");
        root.put("started", r.started().toString());
        root.put("seconds", r.seconds());
        root.put("profile", r.profile().name().toLowerCase(Locale.ROOT));
        root.put("baseline", Map.of("backend", r.baselineBackend(), "frontend", r.baselineFrontend()));
        root.put("loadAverage", Map.of("start", r.loadBefore(), "end", r.loadAfter()));
        root.put("machine", machine(r.machine()));
        Map<String, Object> peaks = new LinkedHashMap<>();
        peaks.put("fp32MatmulFlops", r.peaks().matmulFlops());
        peaks.put("matmulSize", r.peaks().matmulSize());
        peaks.put("copyBytesPerSecond", r.peaks().copyBytesPerSecond());
        peaks.put("copyBytes", r.peaks().copyBytes());
        peaks.put("copyThreads", r.peaks().copyThreads());
        peaks.put("note", r.peaks().note());
        root.put("peaks", peaks);
        root.put("limits", Map.of("fp32Flops", r.computeLimit().value(), "fp32Source", r.computeLimit().source(),
                "bytesPerSecond", r.memoryLimit().value(), "bandwidthSource", r.memoryLimit().source()));
        List<Object> ms = new ArrayList<>();
        for (Measurement m : r.measurements()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("group", m.group().name().toLowerCase(Locale.ROOT));
            o.put("benchmark", m.benchmark());
            o.put("method", m.method());
            o.put("params", m.params());
            o.put("singleShot", m.singleShot());
            o.put("medianSeconds", m.median());
            o.put("halfRangeSeconds", m.spread());
            o.put("jmhErrorSeconds", m.jmhError());
            o.put("samplesSeconds", m.samples());
            o.put("flopsPerOp", m.work().flops());
            o.put("bytesPerOp", m.work().bytes());
            o.put("bound", m.work().bound().name().toLowerCase(Locale.ROOT));
            o.put("fractionOfLimit", r.fractionOfLimit(m));
            o.put("speedupVsBaseline", r.speedup(m));
            o.put("check", m.check());
            o.put("heapBytesPerOp", m.heapBytesPerOp());
            ms.add(o);
        }
        root.put("measurements", ms);
        List<Object> mem = new ArrayList<>();
        for (MemoryRow row : r.memory()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("backend", row.backend());
            o.put("model", row.model());
            o.put("frontend", row.frontend());
            if (row.use() != null) {
                o.put("residentBytes", row.use().residentBytes());
                o.put("peakBytes", row.use().peakBytes());
                o.put("heapBytesPerStep", row.use().heapBytesPerStep());
                o.put("deviceAllocationsPerStep", row.use().allocationsPerStep());
                o.put("allocatorCacheHitRate", row.use().cacheHitRate());
            } else {
                o.put("error", row.error());
            }
            mem.add(o);
        }
        root.put("memory", mem);
        List<Object> skips = new ArrayList<>();
        for (Skip s : r.skips()) skips.add(Map.of("benchmark", s.benchmark(), "params", s.params(), "reason", s.reason()));
        root.put("notMeasured", skips);
        return Json.write(root);
    }

    private static Map<String, Object> machine(MachineInfo m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("cpu", m.cpuModel());
        o.put("logicalCpus", m.logicalCpus());
        o.put("coresPerSocket", m.coresPerSocket());
        o.put("simdBits", m.simdBits());
        o.put("isa", m.isa());
        o.put("jdk", m.jdk());
        o.put("os", m.os());
        o.put("memoryBytes", m.memoryBytes());
        o.put("revision", m.revision());
        o.put("jmh", m.jmhVersion());
        List<Object> bs = new ArrayList<>();
        for (MachineInfo.BackendInfo b : m.backends()) {
            Map<String, Object> bo = new LinkedHashMap<>();
            bo.put("name", b.name());
            bo.put("version", b.version());
            bo.put("priority", b.priority());
            bo.put("available", b.available());
            bo.put("reason", b.reason());
            List<Object> ds = new ArrayList<>();
            for (Device d : b.devices()) ds.add(Map.of("id", d.id(), "name", d.name(), "properties", d.properties()));
            bo.put("devices", ds);
            bs.add(bo);
        }
        o.put("backends", bs);
        List<Object> fs = new ArrayList<>();
        for (MachineInfo.FrontendInfo f : m.frontends()) fs.add(Map.of("name", f.name(), "benchmarked", f.benchmarked(), "note", f.note()));
        o.put("frontends", fs);
        return o;
    }
}
