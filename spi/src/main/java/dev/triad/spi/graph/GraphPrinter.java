package dev.triad.spi.graph;

import java.util.List;

/** Writes the text form described in {@link GraphText}. */
final class GraphPrinter {
    private GraphPrinter() {}

    /** The whole graph, every literal in full. */
    static String graph(Graph g) {
        StringBuilder b = new StringBuilder("graph(");
        List<Value> params = g.parameters();
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) b.append(", ");
            parameter(b, g.node(params.get(i).id()));
        }
        b.append(") {\n");
        for (Node n : g.nodes()) {
            if (n.kind() == Node.Kind.PARAMETER) continue;
            b.append("  ");
            statement(b, n, Long.MAX_VALUE);
            b.append('\n');
        }
        b.append("  return (");
        values(b, g.outputs());
        return b.append(")\n}\n").toString();
    }

    /** One node on one line; literals show at most {@code maxLiteralElements} values. */
    static String node(Node n, long maxLiteralElements) {
        StringBuilder b = new StringBuilder();
        if (n.kind() == Node.Kind.PARAMETER) {
            parameter(b, n);
            b.append(" (parameter ").append(n.parameterIndex()).append(')');
        } else {
            statement(b, n, maxLiteralElements);
        }
        return b.toString();
    }

    private static void parameter(StringBuilder b, Node n) {
        b.append('%').append(n.id()).append(": ").append(n.type());
        name(b, n);
    }

    private static void statement(StringBuilder b, Node n, long maxLiteralElements) {
        b.append('%').append(n.id()).append(" = ");
        if (n.kind() == Node.Kind.LITERAL) {
            b.append("literal ").append(n.type()).append(' ').append(LiteralText.format(n.literalData(), maxLiteralElements));
        } else {
            b.append(n.primitive().name()).append('(');
            values(b, n.inputs());
            b.append(')');
            if (!n.attrs().isEmpty()) b.append(' ').append(n.attrs());
            b.append(" : ").append(n.type());
        }
        name(b, n);
    }

    private static void values(StringBuilder b, List<Value> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) b.append(", ");
            b.append(values.get(i));
        }
    }

    private static void name(StringBuilder b, Node n) {
        if (n.name().isPresent()) b.append(' ').append(quote(n.name().get()));
    }

    /** A double-quoted string with {@code \"}, {@code \\} and control characters escaped. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7F) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
