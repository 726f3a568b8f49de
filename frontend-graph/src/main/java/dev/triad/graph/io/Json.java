package dev.triad.graph.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the safetensors header needs: objects, arrays, strings, integers. Parsing
 * returns {@link Map}, {@link List}, {@link String} and {@link Long}; anything else (floats,
 * booleans, null) is rejected, as the header never holds them.
 */
final class Json {
    private Json() {}

    /** Writes a string with the escapes JSON requires. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    /** Parses a document. */
    static Object parse(String text) {
        Parser p = new Parser(text);
        Object v = p.value();
        p.skip();
        if (p.pos != text.length()) throw new IllegalArgumentException("trailing characters at offset " + p.pos);
        return v;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) { this.s = s; }

        void skip() { while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++; }

        char peek() {
            skip();
            if (pos >= s.length()) throw new IllegalArgumentException("unexpected end of JSON");
            return s.charAt(pos);
        }

        Object value() {
            char c = peek();
            if (c == '{') return object();
            if (c == '[') return array();
            if (c == '"') return string();
            if (c == '-' || Character.isDigit(c)) return number();
            throw new IllegalArgumentException("unexpected '" + c + "' at offset " + pos);
        }

        Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            pos++;
            if (peek() == '}') {
                pos++;
                return m;
            }
            while (true) {
                if (peek() != '"') throw new IllegalArgumentException("expected a key at offset " + pos);
                String k = string();
                if (peek() != ':') throw new IllegalArgumentException("expected ':' at offset " + pos);
                pos++;
                if (m.put(k, value()) != null) throw new IllegalArgumentException("duplicate key '" + k + "'");
                char c = peek();
                pos++;
                if (c == '}') return m;
                if (c != ',') throw new IllegalArgumentException("expected ',' or '}' at offset " + (pos - 1));
            }
        }

        List<Object> array() {
            List<Object> l = new ArrayList<>();
            pos++;
            if (peek() == ']') {
                pos++;
                return l;
            }
            while (true) {
                l.add(value());
                char c = peek();
                pos++;
                if (c == ']') return l;
                if (c != ',') throw new IllegalArgumentException("expected ',' or ']' at offset " + (pos - 1));
            }
        }

        String string() {
            pos++;
            StringBuilder b = new StringBuilder();
            while (true) {
                if (pos >= s.length()) throw new IllegalArgumentException("unterminated string");
                char c = s.charAt(pos++);
                if (c == '"') return b.toString();
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (pos >= s.length()) throw new IllegalArgumentException("unterminated escape");
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (pos + 4 > s.length()) throw new IllegalArgumentException("short \\u escape");
                        b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape \\" + e);
                }
            }
        }

        Long number() {
            int start = pos;
            if (s.charAt(pos) == '-') pos++;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            if (pos < s.length() && (s.charAt(pos) == '.' || s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                throw new IllegalArgumentException("non-integer number at offset " + start);
            }
            return Long.parseLong(s.substring(start, pos));
        }
    }
}
