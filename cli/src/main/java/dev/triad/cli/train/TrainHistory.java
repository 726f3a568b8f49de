package dev.triad.cli.train;

import dev.triad.spi.io.JsonReader;
import dev.triad.spi.io.JsonWriter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run measured: the training loss and accuracy averaged over windows of steps (the
 * curve), and one result per finished epoch. Kept in the checkpoint, so a resumed run's report
 * covers the whole run.
 */
public final class TrainHistory {
    /**
     * A window of training steps.
     *
     * @param step     steps done at the end of the window
     * @param loss     mean training loss over the window
     * @param accuracy fraction of the window's training examples classified correctly
     */
    public record Point(long step, double loss, double accuracy) {}

    /**
     * One finished epoch.
     *
     * @param epoch          1-based
     * @param step           steps done at its end
     * @param trainLoss      mean training loss over the epoch
     * @param trainAccuracy  training accuracy over the epoch
     * @param testLoss       mean loss on the test set
     * @param testAccuracy   fraction of the test set classified correctly
     * @param testExamples   how many test examples were evaluated
     * @param seconds        wall time of the epoch's training steps
     * @param stepsPerSecond training steps per second
     */
    public record Epoch(int epoch, long step, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
                        int testExamples, double seconds, double stepsPerSecond) {}

    private final List<Point> points = new ArrayList<>();
    private final List<Epoch> epochs = new ArrayList<>();

    /** The curve's points, in step order. */
    public List<Point> points() { return List.copyOf(points); }

    /** The finished epochs. */
    public List<Epoch> epochs() { return List.copyOf(epochs); }

    /** Adds a point. */
    public void add(Point p) { points.add(p); }

    /** Adds an epoch. */
    public void add(Epoch e) { epochs.add(e); }

    /** As JSON (for checkpoints and {@code metrics.json}). */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> ps = new ArrayList<>();
        for (Point p : points) ps.add(List.of(p.step(), p.loss(), p.accuracy()));
        root.put("points", ps);
        List<Object> es = new ArrayList<>();
        for (Epoch e : epochs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", (long) e.epoch());
            m.put("step", e.step());
            m.put("train_loss", e.trainLoss());
            m.put("train_accuracy", e.trainAccuracy());
            m.put("test_loss", e.testLoss());
            m.put("test_accuracy", e.testAccuracy());
            m.put("test_examples", (long) e.testExamples());
            m.put("seconds", e.seconds());
            m.put("steps_per_second", e.stepsPerSecond());
            es.add(m);
        }
        root.put("epochs", es);
        return JsonWriter.write(root);
    }

    /** Parses {@link #toJson()}. */
    public static TrainHistory fromJson(String json) {
        TrainHistory h = new TrainHistory();
        if (!(JsonReader.parse(json) instanceof Map<?, ?> root)) throw new IllegalArgumentException("history is not a JSON object");
        for (Object o : (List<?>) root.get("points")) {
            List<?> p = (List<?>) o;
            h.add(new Point(num(p.get(0)).longValue(), num(p.get(1)).doubleValue(), num(p.get(2)).doubleValue()));
        }
        for (Object o : (List<?>) root.get("epochs")) {
            Map<?, ?> m = (Map<?, ?>) o;
            h.add(new Epoch(num(m.get("epoch")).intValue(), num(m.get("step")).longValue(), num(m.get("train_loss")).doubleValue(),
                    num(m.get("train_accuracy")).doubleValue(), num(m.get("test_loss")).doubleValue(), num(m.get("test_accuracy")).doubleValue(),
                    num(m.get("test_examples")).intValue(), num(m.get("seconds")).doubleValue(), num(m.get("steps_per_second")).doubleValue()));
        }
        return h;
    }

    private static Number num(Object o) {
        if (o instanceof Number n) return n;
        throw new IllegalArgumentException("expected a number in the history, got " + o);
    }
}
