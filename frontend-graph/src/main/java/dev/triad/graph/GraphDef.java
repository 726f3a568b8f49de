package dev.triad.graph;

import dev.triad.graph.init.Initializers;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.GraphException;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.ops.Attr;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The saved text form of a front-end graph (the graph a {@link GraphBuilder} holds, with its
 * unknown dimensions, before any specialisation). One node per line, in id order:
 *
 * <pre>
 * triad-graph 1
 * %0 = placeholder : f32[?,784] "input"
 * %1 = variable : f32[784,10] "dense/kernel" init "glorot_uniform(seed=0)" trainable
 * %2 = variable : f32[10] "dense/bias" init "constant(value=0.0)" trainable
 * %3 = matmul(%0, %1) : f32[?,10] "dense/matmul"
 * %4 = add(%3, %2) : f32[?,10] "dense/add"
 * %5 = constant : f32[3] "c"
 * %6 = dynamic_reshape(%4) {dims=[-1,5]} : f32[?,5] "reshape"
 * %7 = group(%4, %6) "step"
 * </pre>
 *
 * <ul>
 *   <li>{@code op} is a primitive's name or a {@link FrontOps front-end op}'s; attributes are
 *       written as {@link Attrs#toString()} writes them and read with the op's declared
 *       attribute types.</li>
 *   <li>The type is {@code dtype[dims]} with {@code ?} for an unknown dimension. When loading,
 *       every op's type is inferred again and must equal the declared one, which catches files
 *       that were edited or written by an incompatible version.</li>
 *   <li>Variables carry their initializer's spec and {@code trainable} or {@code frozen}.
 *       Constant values are not in the text: they are stored with the weights, under the
 *       constant's name (see {@link dev.triad.graph.io.SavedGraph}).</li>
 *   <li>Names never contain quotes or line breaks, so they are written without escapes.</li>
 * </ul>
 */
public final class GraphDef {
    private GraphDef() {}

    /** The first line of every file. */
    public static final String HEADER = "triad-graph 1";

    /** The text of {@code g}. */
    public static String print(GraphBuilder g) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (Fetchable f : g.nodes()) {
            b.append('%').append(f.id()).append(" = ");
            switch (f) {
                case Operation op -> b.append(FrontOps.GROUP).append(refs(op.dependencies())).append(" \"").append(op.name()).append('"');
                case Output o -> {
                    b.append(o.op());
                    if (!o.inputs().isEmpty()) b.append(refs(o.inputs()));
                    if (!o.attrs().isEmpty()) b.append(' ').append(o.attrs());
                    b.append(" : ").append(o.dtype().shortName()).append(o.shape()).append(" \"").append(o.name()).append('"');
                    if (o instanceof Variable v) b.append(" init \"").append(v.initializer().spec()).append("\" ").append(v.trainable() ? "trainable" : "frozen");
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String refs(List<? extends Fetchable> nodes) {
        List<String> r = new ArrayList<>();
        for (Fetchable f : nodes) r.add("%" + f.id());
        return "(" + String.join(", ", r) + ")";
    }

    /**
     * Reads a graph back.
     *
     * @param constants the values of the constants, by name
     * @throws GraphException naming the line and what is wrong: bad syntax, an unknown op or
     *     attribute, a reference to a later node, a missing constant, or a declared type that
     *     differs from the inferred one
     */
    public static GraphBuilder parse(String text, Map<String, HostArray> constants) {
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !lines[0].trim().equals(HEADER)) {
            throw new GraphException("not a saved graph: the first line is '" + (lines.length == 0 ? "" : lines[0]) + "', expected '" + HEADER + "'");
        }
        GraphBuilder g = new GraphBuilder();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) continue;
            try {
                new LineParser(line, g, constants).parse();
            } catch (GraphException e) {
                throw new GraphException("graph line " + (i + 1) + ": " + e.getMessage() + "\n  " + line, e);
            } catch (TriadException | IllegalArgumentException e) {
                throw new GraphException("graph line " + (i + 1) + ": " + e.getMessage() + "\n  " + line, e);
            }
        }
        return g;
    }

    /** Parses one node line into the graph. */
    private static final class LineParser {
        private final String s;
        private final GraphBuilder g;
        private final Map<String, HostArray> constants;
        private int pos;

        LineParser(String s, GraphBuilder g, Map<String, HostArray> constants) {
            this.s = s;
            this.g = g;
            this.constants = constants;
        }

        void parse() {
            expect('%');
            int id = integer();
            if (id != g.size()) throw new GraphException("node %" + id + " is out of order; expected %" + g.size());
            skip();
            expect('=');
            skip();
            String op = word();
            skip();
            List<Fetchable> inputs = new ArrayList<>();
            if (peek() == '(') inputs = references();
            skip();
            if (op.equals(FrontOps.GROUP)) {
                String name = quoted();
                end();
                g.restoreGroup(name, inputs);
                return;
            }
            String attrText = null;
            if (peek() == '{') attrText = braces();
            skip();
            expect(':');
            skip();
            String typeText = until(' ');
            skip();
            String name = quoted();
            int bracket = typeText.indexOf('[');
            if (bracket < 0) throw new GraphException("malformed type '" + typeText + "'; expected e.g. f32[?,784]");
            DType dtype = DType.parse(typeText.substring(0, bracket));
            PartialShape shape = PartialShape.parse(typeText.substring(bracket));
            switch (op) {
                case FrontOps.PLACEHOLDER -> {
                    end();
                    g.restorePlaceholder(name, dtype, shape);
                }
                case FrontOps.CONSTANT -> {
                    end();
                    HostArray value = constants.get(name);
                    if (value == null) throw new GraphException("the value of constant '" + name + "' is missing from the weights");
                    TensorType want = new TensorType(dtype, shape.toShape());
                    if (!value.type().equals(want)) throw new GraphException("constant '" + name + "' is declared " + want + " but its stored value is " + value.type());
                    g.restoreConstant(name, value);
                }
                case FrontOps.VARIABLE -> {
                    skip();
                    if (!word().equals("init")) throw new GraphException("a variable needs init \"...\"");
                    skip();
                    String spec = quoted();
                    skip();
                    String mode = word();
                    if (!mode.equals("trainable") && !mode.equals("frozen")) throw new GraphException("expected trainable or frozen, got '" + mode + "'");
                    end();
                    g.restoreVariable(name, new TensorType(dtype, shape.toShape()), Initializers.parse(spec), mode.equals("trainable"));
                }
                default -> {
                    end();
                    FrontOp fop = FrontOps.byName(op);
                    if (fop == null) throw new GraphException("unknown op '" + op + "' (a custom op must be registered with FrontOps.register before loading)");
                    Attrs attrs = attrText == null ? Attrs.EMPTY : attrs(fop, attrText);
                    List<Output> values = new ArrayList<>();
                    for (Fetchable f : inputs) {
                        if (!(f instanceof Output o)) throw new GraphException("input %" + f.id() + " is a group, which has no value");
                        values.add(o);
                    }
                    Output o = g.restore(op, attrs, values, name);
                    if (o.dtype() != dtype || !o.shape().equals(shape)) {
                        throw new GraphException("node '" + name + "' is declared " + dtype.shortName() + shape + " but its op infers "
                                + o.dtype().shortName() + o.shape());
                    }
                }
            }
        }

        private Attrs attrs(FrontOp op, String text) {
            Attrs.Builder b = Attrs.builder();
            String inner = text.substring(1, text.length() - 1).trim();
            if (inner.isEmpty()) return b.build();
            int depth = 0, start = 0;
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '[') depth++;
                else if (c == ']') depth--;
                else if (c == ',' && depth == 0) {
                    parts.add(inner.substring(start, i));
                    start = i + 1;
                }
            }
            parts.add(inner.substring(start));
            for (String p : parts) {
                int eq = p.indexOf('=');
                if (eq < 0) throw new GraphException("malformed attribute '" + p.trim() + "'; expected name=value");
                String key = p.substring(0, eq).trim();
                Attr<?> a = op.attr(key);
                if (a == null) throw new GraphException("op " + op.name() + " has no attribute '" + key + "'");
                b.putRaw(key, Attrs.parseValue(a, p.substring(eq + 1)));
            }
            return b.build();
        }

        private List<Fetchable> references() {
            expect('(');
            List<Fetchable> out = new ArrayList<>();
            skip();
            if (peek() == ')') {
                pos++;
                return out;
            }
            while (true) {
                skip();
                expect('%');
                int ref = integer();
                if (ref >= g.size()) throw new GraphException("%" + ref + " is used before it is defined");
                out.add(g.node(ref));
                skip();
                char c = next();
                if (c == ')') return out;
                if (c != ',') throw new GraphException("expected ',' or ')' at column " + pos);
            }
        }

        private String braces() {
            int close = s.indexOf('}', pos);
            if (close < 0) throw new GraphException("unclosed '{'");
            String t = s.substring(pos, close + 1);
            pos = close + 1;
            return t;
        }

        private String quoted() {
            expect('"');
            int close = s.indexOf('"', pos);
            if (close < 0) throw new GraphException("unclosed '\"'");
            String t = s.substring(pos, close);
            pos = close + 1;
            return t;
        }

        private String word() {
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) pos++;
            if (start == pos) throw new GraphException("expected a name at column " + (pos + 1));
            return s.substring(start, pos);
        }

        private String until(char stop) {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != stop) pos++;
            return s.substring(start, pos);
        }

        private int integer() {
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            if (start == pos) throw new GraphException("expected a number at column " + (pos + 1));
            return Integer.parseInt(s.substring(start, pos));
        }

        private void skip() { while (pos < s.length() && s.charAt(pos) == ' ') pos++; }
        private char peek() { return pos < s.length() ? s.charAt(pos) : '\0'; }
        private char next() {
            if (pos >= s.length()) throw new GraphException("unexpected end of line");
            return s.charAt(pos++);
        }

        private void expect(char c) {
            if (peek() != c) throw new GraphException("expected '" + c + "' at column " + (pos + 1));
            pos++;
        }

        private void end() {
            skip();
            if (pos != s.length()) throw new GraphException("unexpected '" + s.substring(pos) + "' at column " + (pos + 1));
        }
    }
}
