package dev.triad.graph.keras;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@link Model#fit} returns: every epoch's logs, by name, like Keras' {@code History.history}. */
public final class History implements Callback {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    @Override
    public void onEpochEnd(Model model, int epoch, Map<String, Double> logs) {
        for (Map.Entry<String, Double> e : logs.entrySet()) values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
    }

    /** The values of {@code name} per epoch (empty if never logged). */
    public List<Double> get(String name) { return Collections.unmodifiableList(values.getOrDefault(name, List.of())); }

    /** All logged names with their values per epoch. */
    public Map<String, List<Double>> asMap() { return Collections.unmodifiableMap(values); }

    /** Number of epochs recorded. */
    public int epochs() { return values.isEmpty() ? 0 : values.values().iterator().next().size(); }

    @Override
    public String toString() { return values.toString(); }
}
