package dev.triad.spi.graph;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.GraphException;
import dev.triad.spi.ops.Attr;
import dev.triad.spi.ops.Attrs;
import dev.triad.spi.ops.Primitive;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import dev.triad.spi.types.TensorType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the text form described in {@link GraphText} by recursive descent over characters,
 * building through a {@link GraphBuilder} so that every op is checked by its shape rule as it
 * is read. Every error names the line and column and shows the line.
 */
final class GraphParser {
    /** A parameter declared in the header, placed once the ids before it are defined. */
    private record Declared(int id, TensorType type, String name, int at) {}

    private final String text;
    private final Function<String, Primitive> lookup;
    private final GraphBuilder builder = new GraphBuilder();
    private final List<Declared> parameters = new ArrayList<>();
    private int nextParameter;
    private int pos;

    GraphParser(String text, Function<String, Primitive> lookup) {
        this.text = text;
        this.lookup = lookup;
    }

    Graph parse() {
        word("graph");
        expect('(');
        if (!tryConsume(')')) {
            do {
                parameterDeclaration();
            } while (tryConsume(','));
            expect(')');
        }
        expect('{');
        while (true) {
            skipSpace();
            if (atWord("return")) break;
            if (pos >= text.length()) throw error(pos, "expected a statement or 'return', got the end of the text");
            statement();
        }
        word("return");
        placeParameters();
        expect('(');
        List<Value> outputs = new ArrayList<>();
        if (!tryConsume(')')) {
            do {
                outputs.add(use());
            } while (tryConsume(','));
            expect(')');
        }
        expect('}');
        skipSpace();
        if (pos < text.length()) throw error(pos, "unexpected text after the graph's closing '}'");
        if (nextParameter < parameters.size()) {
            Declared p = parameters.get(nextParameter);
            throw error(p.at, "parameter %" + p.id + " leaves %" + builder.size() + " undefined; ids must be dense");
        }
        return builder.build(outputs);
    }

    private void parameterDeclaration() {
        skipSpace();
        int at = pos;
        int id = ref();
        if (!parameters.isEmpty() && id <= parameters.getLast().id) {
            throw error(at, "parameter %" + id + " follows %" + parameters.getLast().id + "; parameters are listed in increasing id order");
        }
        expect(':');
        TensorType type = type();
        parameters.add(new Declared(id, type, optionalName(), at));
    }

    /** Adds the declared parameters whose turn has come: parameters may sit between other nodes. */
    private void placeParameters() {
        while (nextParameter < parameters.size() && parameters.get(nextParameter).id == builder.size()) {
            Declared p = parameters.get(nextParameter++);
            Value v = builder.parameter(p.type);
            if (p.name != null) builder.rename(v.id(), p.name);
        }
    }

    private void statement() {
        int at = pos;
        int id = ref();
        placeParameters();
        if (id < builder.size()) throw error(at, "%" + id + " is already defined");
        if (id > builder.size()) throw error(at, "expected %" + builder.size() + " next (ids are dense and in order), got %" + id);
        expect('=');
        skipSpace();
        int wordAt = pos;
        String word = identifier();
        if (word.equals("literal")) literal();
        else op(word, wordAt);
    }

    private void op(String opName, int at) {
        Primitive p = lookup.apply(opName);
        if (p == null) throw error(at, "unknown op '" + opName + "'");
        expect('(');
        List<Value> inputs = new ArrayList<>();
        if (!tryConsume(')')) {
            do {
                inputs.add(use());
            } while (tryConsume(','));
            expect(')');
        }
        skipSpace();
        Attrs attrs = peek('{') ? attributes(p) : Attrs.EMPTY;
        expect(':');
        skipSpace();
        int typeAt = pos;
        TensorType declared = type();
        String name = optionalName();
        Value v;
        try {
            v = builder.apply(p, attrs, inputs);
        } catch (RuntimeException e) {
            // The primitive's own typed error (shape, dtype, arity, attribute) says what is wrong.
            throw error(at, e.getMessage(), e);
        }
        if (!v.type().equals(declared)) {
            throw error(typeAt, "type mismatch: " + p.name() + " gives " + v.type() + " but the text declares " + declared);
        }
        if (name != null) builder.rename(v.id(), name);
    }

    private Attrs attributes(Primitive p) {
        expect('{');
        Attrs.Builder b = Attrs.builder();
        Set<String> seen = new HashSet<>();
        do {
            skipSpace();
            int nameAt = pos;
            String attrName = identifier();
            Attr<?> key = p.attr(attrName);
            if (key == null) {
                List<String> names = new ArrayList<>();
                for (Attr<?> a : p.attrs()) names.add(a.name());
                throw error(nameAt, "unknown attribute '" + attrName + "' for " + p.name() + "; "
                        + (names.isEmpty() ? "it takes none" : "expected " + String.join(", ", names)));
            }
            if (!seen.add(attrName)) throw error(nameAt, "attribute '" + attrName + "' is given twice");
            expect('=');
            skipSpace();
            int valueAt = pos;
            String raw = attributeText();
            if (raw.isEmpty()) throw error(valueAt, "expected a value for attribute '" + attrName + "'");
            try {
                b.putRaw(attrName, Attrs.parseValue(key, raw));
            } catch (RuntimeException e) {
                throw error(valueAt, "bad value '" + raw + "' for attribute '" + attrName + "' (" + key.typeName() + ") of "
                        + p.name() + ": " + e.getMessage(), e);
            }
        } while (tryConsume(','));
        expect('}');
        return b.build();
    }

    /** The text of one attribute value: up to a ',' or '}' outside brackets. */
    private String attributeText() {
        int start = pos;
        int depth = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n' || depth == 0 && (c == ',' || c == '}')) break;
            if (c == '[') depth++;
            if (c == ']') depth--;
            pos++;
        }
        return text.substring(start, pos).trim();
    }

    private void literal() {
        skipSpace();
        int typeAt = pos;
        TensorType t = type();
        HostArray a;
        try {
            a = HostArray.zeros(t.dtype(), t.shape());
        } catch (ArithmeticException e) {
            throw error(typeAt, "literal type " + t + " is too large to hold in memory", e);
        }
        long n = t.numel();
        long count = 0;
        expect('[');
        if (!tryConsume(']')) {
            do {
                skipSpace();
                int at = pos;
                while (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != ']' && text.charAt(pos) != '\n') pos++;
                String token = text.substring(at, pos).trim();
                if (token.isEmpty()) throw error(at, "expected a " + t.dtype() + " value");
                if (count >= n) throw error(at, "literal " + t + " holds " + n + " value(s); more are given");
                try {
                    LiteralText.parseInto(a, count, token);
                } catch (IllegalArgumentException e) {
                    throw error(at, "bad " + t.dtype() + " value: " + e.getMessage(), e);
                }
                count++;
            } while (tryConsume(','));
            skipSpace();
            if (count != n) throw error(pos, "literal " + t + " needs " + n + " value(s), got " + count);
            expect(']');
        } else if (n != 0) {
            throw error(pos - 1, "literal " + t + " needs " + n + " value(s), got 0");
        }
        String name = optionalName();
        // The parsed array is ours alone, so the node may take it without a copy.
        Value v = builder.copy(Node.literalShared(0, a, null), List.of());
        if (name != null) builder.rename(v.id(), name);
    }

    /** A reference to an already defined value. */
    private Value use() {
        skipSpace();
        int at = pos;
        int id = ref();
        if (id >= builder.size()) throw error(at, "value %" + id + " is not defined before this use");
        return builder.value(id);
    }

    private int ref() {
        skipSpace();
        int at = pos;
        if (!peek('%')) throw error(at, "expected a value like %3, got " + describe());
        pos++;
        long id = digits();
        if (id > Integer.MAX_VALUE) throw error(at, "value id %" + id + " is too large");
        return (int) id;
    }

    private TensorType type() {
        skipSpace();
        int at = pos;
        String dtypeName = identifier();
        DType dtype;
        try {
            dtype = DType.parse(dtypeName);
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage(), e);
        }
        expect('[');
        List<Long> dims = new ArrayList<>();
        if (!tryConsume(']')) {
            do {
                skipSpace();
                dims.add(digits());
            } while (tryConsume(','));
            expect(']');
        }
        long[] d = new long[dims.size()];
        for (int i = 0; i < d.length; i++) d[i] = dims.get(i);
        return new TensorType(dtype, Shape.of(d));
    }

    private long digits() {
        int at = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
        if (at == pos) throw error(at, "expected a non-negative integer, got " + describe());
        try {
            return Long.parseLong(text.substring(at, pos));
        } catch (NumberFormatException e) {
            throw error(at, "integer " + text.substring(at, pos) + " is too large", e);
        }
    }

    private String identifier() {
        skipSpace();
        int at = pos;
        while (pos < text.length() && isIdentifierChar(text.charAt(pos))) pos++;
        if (at == pos || Character.isDigit(text.charAt(at))) {
            pos = at;
            throw error(at, "expected a name, got " + describe());
        }
        return text.substring(at, pos);
    }

    private static boolean isIdentifierChar(char c) {
        return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** A quoted node name, if one follows. */
    private String optionalName() {
        skipSpace();
        if (!peek('"')) return null;
        int at = pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n') throw error(at, "unterminated name string");
            char c = text.charAt(pos++);
            if (c == '"') return b.toString();
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (pos >= text.length()) throw error(at, "unterminated name string");
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\' -> b.append(e);
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'u' -> {
                    if (pos + 4 > text.length()) throw error(pos - 2, "bad escape \\u: expected four hex digits");
                    try {
                        b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error(pos - 2, "bad escape \\u: expected four hex digits", ex);
                    }
                    pos += 4;
                }
                default -> throw error(pos - 2, "bad escape \\" + e + " in a name");
            }
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private boolean peek(char c) { return pos < text.length() && text.charAt(pos) == c; }

    private boolean atWord(String w) {
        return text.startsWith(w, pos) && (pos + w.length() >= text.length() || !isIdentifierChar(text.charAt(pos + w.length())));
    }

    private void word(String w) {
        skipSpace();
        if (!atWord(w)) throw error(pos, "expected '" + w + "', got " + describe());
        pos += w.length();
    }

    private void expect(char c) {
        skipSpace();
        if (!peek(c)) throw error(pos, "expected '" + c + "', got " + describe());
        pos++;
    }

    private boolean tryConsume(char c) {
        skipSpace();
        if (!peek(c)) return false;
        pos++;
        return true;
    }

    /** What stands at the cursor, for "expected X, got Y" messages. */
    private String describe() {
        if (pos >= text.length()) return "the end of the text";
        int end = pos;
        while (end < text.length() && end - pos < 20 && !Character.isWhitespace(text.charAt(end))) end++;
        return "'" + (end == pos ? text.charAt(pos) : text.substring(pos, end)) + "'";
    }

    private GraphException error(int at, String message) { return error(at, message, null); }

    /** An error at character {@code at}: line and column (from 1), the message, and the line with a caret. */
    private GraphException error(int at, String message, Throwable cause) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int lineEnd = text.indexOf('\n', lineStart);
        if (lineEnd < 0) lineEnd = text.length();
        int column = at - lineStart + 1;
        String where = "line " + line + ", column " + column + ": " + message
                + "\n  " + text.substring(lineStart, lineEnd) + "\n  " + " ".repeat(column - 1) + "^";
        return cause == null ? new GraphException(where) : new GraphException(where, cause);
    }
}
