package dev.triad.bench.report;

import dev.triad.bench.Catalog;
import org.openjdk.jmh.annotations.Param;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order rows appear in: by method, then by each parameter in the order the benchmark
 * declares its fields, values in the order the profile (or the {@code @Param} annotation) lists
 * them, and backends last, so one configuration's backends sit next to each other and sizes
 * run small to large instead of in string order.
 */
final class RowOrder {
    private RowOrder() {}

    static Comparator<Measurement> of(Catalog.Entry e, Catalog.Profile profile, List<String> backends) {
        Map<String, List<String>> order = new LinkedHashMap<>();
        for (Field f : e.type().getFields()) {
            Param p = f.getAnnotation(Param.class);
            if (p == null || f.getName().equals("backend")) continue;
            List<String> values = new ArrayList<>(e.params(profile).getOrDefault(f.getName(), List.of()));
            for (String v : p.value()) if (!values.contains(v)) values.add(v);
            order.put(f.getName(), values);
        }
        Comparator<Measurement> c = Comparator.comparing(Measurement::method);
        for (Map.Entry<String, List<String>> o : order.entrySet()) {
            String key = o.getKey();
            List<String> values = o.getValue();
            c = c.thenComparing(m -> m.params().getOrDefault(key, ""), (a, b) -> {
                int ia = values.indexOf(a), ib = values.indexOf(b);
                if (ia >= 0 && ib >= 0) return Integer.compare(ia, ib);
                if (ia >= 0 || ib >= 0) return ia >= 0 ? -1 : 1;
                return a.compareTo(b);
            });
        }
        return c.thenComparing(m -> {
            int i = backends.indexOf(m.backend());
            return i < 0 ? Integer.MAX_VALUE : i;
        });
    }
}
