package dev.triad.cli.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The front-end style that trains, chosen with {@code --frontend}; eager is the default. */
public enum Frontend {
    /** PyTorch style: Tensor, tape autograd, nn.Module ({@link Trainer}). */
    EAGER("eager", "PyTorch style: Tensor, autograd, nn.Module (default)", "pytorch"),
    /** TensorFlow-1 style: GraphBuilder, Session, Keras-style model ({@link GraphTrainer}). */
    GRAPH("graph", "TensorFlow-1 style: GraphBuilder, Session, Keras-style model", "tensorflow"),
    /** JAX style: pure functions and one jit-compiled train step ({@link FunctionalTrainer}). */
    FUNCTIONAL("functional", "JAX style: one jit-compiled train step; no --checkpoint/--resume yet", "jax");

    private final String id;
    private final String description;
    private final String alias;

    Frontend(String id, String description, String alias) {
        this.id = id;
        this.description = description;
        this.alias = alias;
    }

    /** The name {@code --frontend} takes. */
    public String id() { return id; }

    /**
     * The chosen front-end and the other arguments, for {@link TrainOptions#parse}.
     *
     * @param frontend the front-end
     * @param rest the arguments without {@code --frontend}
     */
    public record Selection(Frontend frontend, String[] rest) {}

    /** Takes {@code --frontend NAME} (or {@code --frontend=NAME}) out of {@code args}. */
    public static Selection select(String[] args) {
        List<String> rest = new ArrayList<>();
        String name = EAGER.id;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--frontend")) {
                if (i + 1 >= args.length) throw new IllegalArgumentException("--frontend needs a value: " + names());
                name = args[++i];
            } else if (a.startsWith("--frontend=")) {
                name = a.substring("--frontend=".length());
            } else {
                rest.add(a);
            }
        }
        return new Selection(parse(name), rest.toArray(new String[0]));
    }

    private static Frontend parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Frontend f : values()) if (f.id.equals(n) || f.alias.equals(n)) return f;
        throw new IllegalArgumentException("unknown front-end '" + name + "'; expected " + names());
    }

    private static String names() {
        StringBuilder b = new StringBuilder();
        for (Frontend f : values()) b.append(b.length() == 0 ? "" : ", ").append(f.id);
        return b.toString();
    }

    /** The usage lines of {@code --frontend}. */
    public static String usage() {
        StringBuilder b = new StringBuilder("  --frontend NAME          the front-end style that trains:");
        for (Frontend f : values()) b.append(String.format(Locale.ROOT, "%n    %-12s %s", f.id, f.description));
        return b.toString();
    }
}
