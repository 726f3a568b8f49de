package dev.triad.bench;

import dev.triad.bench.compile.CompileBench;
import dev.triad.bench.compile.OpenClProgramBench;
import dev.triad.bench.kernels.ConvBench;
import dev.triad.bench.kernels.ElementwiseChainBench;
import dev.triad.bench.kernels.LayerNormBench;
import dev.triad.bench.kernels.MatmulBench;
import dev.triad.bench.kernels.ReductionBench;
import dev.triad.bench.kernels.SoftmaxBench;
import dev.triad.bench.kernels.TransposeBench;
import dev.triad.bench.overhead.DispatchBench;
import dev.triad.bench.overhead.EagerChainBench;
import dev.triad.bench.training.TrainStepBench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every benchmark class, one entry each: its report group, the parameter values each profile
 * runs (absent: the class's own {@code @Param} defaults), the backends it applies to, and its
 * work model. The runner, the report and the CI smoke pass all read this table. A JMH class in
 * the jar without an entry here still runs and is reported, under {@link Group#OTHER} with its
 * own defaults, so a benchmark added elsewhere in the module is never silently left out.
 */
public final class Catalog {
    private Catalog() {}

    /** Report sections, in order. */
    public enum Group {
        /** Kernels. */ KERNELS("Kernels", "One primitive or composite per operation, F32."),
        /** Framework overhead. */ OVERHEAD("Framework overhead", "Tiny tensors: what the framework itself costs per op."),
        /** Training steps. */ TRAINING("Training steps", "Forward, backward, update and loss read-back of one step."),
        /** Compile times. */ COMPILE("Compile times", "One cold compile per measurement (single shot)."),
        /** Benchmarks without a catalogue entry. */ OTHER("Other benchmarks",
                "JMH classes of this module without a catalogue entry: run with their own parameters, no work model, checks not logged."),
        /** Memory. */ MEMORY("Memory per training step", "Device bytes from the allocator and Java heap per step.");

        private final String title, description;

        Group(String title, String description) {
            this.title = title;
            this.description = description;
        }

        /** The section title. */
        public String title() { return title; }

        /** One sentence under the title. */
        public String description() { return description; }
    }

    /** Which parameter values a run uses. */
    public enum Profile {
        /** A few minutes on two cores: the representative sizes. */ QUICK,
        /** Every size. */ FULL,
        /** The CI pass: the smallest sizes, one short iteration, results checked. */ SMOKE
    }

    /**
     * One benchmark class.
     *
     * @param type the JMH class
     * @param group its report section
     * @param singleShot whether it measures single cold calls ({@code Mode.SingleShotTime})
     * @param onlyBackends the backends it applies to (empty: every backend found)
     * @param quick parameter values of the quick profile (besides backend)
     * @param smoke parameter values of the smoke pass
     * @param work FLOPs and bytes per operation for a trial's parameters
     * @param heapProfiled whether JMH's GC profiler runs with it, for Java heap bytes per operation
     */
    public record Entry(Class<?> type, Group group, boolean singleShot, List<String> onlyBackends,
                        Map<String, List<String>> quick, Map<String, List<String>> smoke,
                        Function<Map<String, String>, Work> work, boolean heapProfiled) {
        /** The class's simple name, as results and check logs name it. */
        public String name() { return type.getSimpleName(); }

        /** True when the class has a {@code backend} parameter, so it runs once per backend. */
        public boolean perBackend() {
            try {
                return type.getField("backend").isAnnotationPresent(org.openjdk.jmh.annotations.Param.class);
            } catch (NoSuchFieldException e) {
                return false;
            }
        }

        /** Parameter values for {@code profile}; an empty map keeps the class's defaults. */
        public Map<String, List<String>> params(Profile profile) {
            return switch (profile) {
                case QUICK -> quick;
                case FULL -> Map.of();
                case SMOKE -> smoke;
            };
        }
    }

    private static Map<String, List<String>> p(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], List.of(kv[i + 1].split(",")));
        return m;
    }

    private static final List<Entry> ALL = List.of(
            new Entry(MatmulBench.class, Group.KERNELS, false, List.of(),
                    p("size", "128,512,1024,mlp:128x784x256,cnn:32x6272x128"), p("size", "128"), MatmulBench::work, false),
            new Entry(ConvBench.class, Group.KERNELS, false, List.of(),
                    p("conv", "mnist,resnet56"), p("conv", "mnist"), ConvBench::work, false),
            new Entry(ElementwiseChainBench.class, Group.KERNELS, false, List.of(),
                    p("mode", "eager,compiled", "elements", "1048576"), p("mode", "eager,compiled", "elements", "65536"), ElementwiseChainBench::work, false),
            new Entry(SoftmaxBench.class, Group.KERNELS, false, List.of(),
                    p("shape", "4096x1024"), p("shape", "64x1000"), SoftmaxBench::work, false),
            new Entry(LayerNormBench.class, Group.KERNELS, false, List.of(),
                    p("shape", "2048x1024"), p("shape", "64x256"), LayerNormBench::work, false),
            new Entry(ReductionBench.class, Group.KERNELS, false, List.of(),
                    p("op", "sum,max", "axes", "all"), p("op", "sum,max", "axes", "rows", "shape", "512x512"), ReductionBench::work, false),
            new Entry(TransposeBench.class, Group.KERNELS, false, List.of(),
                    p("layout", "2d,nchw-nhwc"), p("layout", "2d"), TransposeBench::work, false),
            new Entry(DispatchBench.class, Group.OVERHEAD, false, List.of(), Map.of(), Map.of(), DispatchBench::work, true),
            new Entry(EagerChainBench.class, Group.OVERHEAD, false, List.of(), Map.of(), p("grad", "true"), EagerChainBench::work, true),
            // The smoke pass trains the MLP only: the CNN's checks cost tens of seconds on a loaded
            // two-core CI machine, and the quick profile checks them on every run.
            new Entry(TrainStepBench.class, Group.TRAINING, false, List.of(), Map.of(), p("model", "mlp"), TrainStepBench::work, true),
            new Entry(CompileBench.class, Group.COMPILE, true, List.of(), Map.of(), Map.of(), CompileBench::work, false),
            new Entry(OpenClProgramBench.class, Group.COMPILE, true, List.of("opencl"), Map.of(), Map.of(), OpenClProgramBench::work, false));

    /** Every entry, in report order: the catalogued classes, then any other JMH class in the jar. */
    public static List<Entry> all() {
        List<Entry> out = new ArrayList<>(ALL);
        for (Class<?> c : generated()) {
            if (out.stream().noneMatch(e -> e.type() == c)) {
                out.add(new Entry(c, Group.OTHER, false, List.of(), Map.of(), Map.of(), p -> Work.NONE, true));
            }
        }
        return out;
    }

    /** The catalogued entries only. */
    public static List<Entry> catalogued() { return ALL; }

    /**
     * The benchmark classes JMH generated code for, read from its {@code META-INF/BenchmarkList}
     * (each line starts {@code JMH S <length> <class name>}).
     */
    public static List<Class<?>> generated() {
        Set<String> names = new LinkedHashSet<>();
        try (InputStream in = Catalog.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            if (in == null) return List.of();
            Matcher m = Pattern.compile("^JMH S \\d+ (\\S+) ", Pattern.MULTILINE).matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            while (m.find()) names.add(m.group(1));
        } catch (IOException e) {
            return List.of();
        }
        List<Class<?>> out = new ArrayList<>();
        for (String n : names) {
            try {
                out.add(Class.forName(n, false, Catalog.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                System.err.println("triad-bench: BenchmarkList names " + n + ", which does not load: " + e);
            }
        }
        return out;
    }

    /** The entry of class {@code simpleName}, or null. */
    public static Entry byName(String simpleName) {
        for (Entry e : all()) if (e.name().equals(simpleName)) return e;
        return null;
    }
}
