package dev.triad.spi.graph;

import dev.triad.spi.ops.Primitive;
import dev.triad.spi.prims.Prims;

import java.util.function.Function;

/**
 * The stable text form of a graph, used in tests and error messages. {@code print} is
 * canonical and {@code parse} reads it back: {@code print(parse(t)).equals(t)} for printed
 * text and {@code parse(print(g)).equals(g)} for every valid graph (names included, though
 * they take no part in equality). For example:
 *
 * <pre>{@code
 * graph(%0: f32[2,3], %1: f32[3] "bias") {
 *   %2 = broadcast_to(%1) {shape=[2,3]} : f32[2,3]
 *   %3 = add(%0, %2) : f32[2,3] "layer1/add"
 *   %4 = literal f32[2] [1.0, 2.5]
 *   return (%3, %4)
 * }
 * }</pre>
 *
 * <p>Grammar (whitespace, including line breaks, may stand between any two tokens; the
 * printer puts one statement on each line):
 * <pre>
 * graph     := 'graph' '(' [param (',' param)*] ')' '{' stmt* 'return' '(' [ref (',' ref)*] ')' '}'
 * param     := ref ':' type [name]
 * stmt      := ref '=' (op | literal)
 * op        := IDENT '(' [ref (',' ref)*] ')' [attrs] ':' type [name]
 * literal   := 'literal' type '[' [element (',' element)*] ']' [name]
 * attrs     := '{' IDENT '=' value (',' IDENT '=' value)* '}'
 * type      := DTYPE '[' [INT (',' INT)*] ']'               e.g. f32[2,3], i64[]
 * ref       := '%' INT
 * name      := '"' chars with \" \\ \n \t \r \\uXXXX escapes '"'
 * element   := decimal | 'inf' | '-inf' | 'nan' | 'nan(0x' HEX ')' | integer | 'true' | 'false'
 * </pre>
 *
 * <ul>
 *   <li>Ids are dense and in topological order: statement {@code %k} is node {@code k}.
 *       Parameters are declared in the header, in id order, and may have ids between those
 *       of other nodes (a builder may add a parameter after ops).</li>
 *   <li>An op's name is its primitive's name; its attributes are written as
 *       {@link dev.triad.spi.ops.Attrs#toString()} writes them and read with
 *       {@link dev.triad.spi.ops.Attrs#parseValue} using the primitive's declared attribute
 *       type. The declared result type must equal what the shape rule infers.</li>
 *   <li>Literal elements are listed flat in row-major order, all of them, bit-exact:
 *       floats as the shortest decimal that reads back to the same value, non-finite values
 *       as {@code inf}, {@code -inf}, {@code nan}, and a NaN with other bits than the
 *       canonical quiet NaN as {@code nan(0x...)} with its raw bits in the literal's width.</li>
 * </ul>
 */
public final class GraphText {
    private GraphText() {}

    /** The canonical text of {@code graph}, ending with a line break. */
    public static String print(Graph graph) { return GraphPrinter.graph(graph); }

    /** One node on one line, as it appears in the graph's text (parameters as in the header, marked). */
    public static String print(Node node) { return GraphPrinter.node(node, Long.MAX_VALUE); }

    /**
     * Reads a graph, looking ops up in {@link Prims}.
     *
     * @throws dev.triad.spi.error.GraphException with the line, column and what was expected,
     *     for syntax errors, unknown ops or attributes, values used before they are defined,
     *     bad attribute values, shape rule errors and declared types that differ from the
     *     inferred ones
     */
    public static Graph parse(String text) { return parse(text, Prims::byName); }

    /**
     * Reads a graph, looking ops up with {@code lookup} (null for an unknown name), for graphs
     * holding primitives that are not in {@link Prims}.
     */
    public static Graph parse(String text, Function<String, Primitive> lookup) {
        return new GraphParser(text, lookup).parse();
    }
}
