package dev.triad.spi.io;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {
    @Test
    void roundTripsEveryKindOfValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a \"quoted\" \\ line\nnext \u0001 é");
        m.put("i", 12345678901L);
        m.put("d", -1.5e-3);
        m.put("b", true);
        m.put("n", null);
        m.put("l", List.of(1L, "x", List.of(), Map.of()));
        String text = JsonWriter.write(m);
        assertEquals(m, JsonReader.parse(text));
        assertEquals(m, JsonReader.parse(" \n" + text + "\t "));
    }

    @Test
    void readsEscapesAndNumbers() {
        assertEquals("A\u00e9\ud83d\ude00/", JsonReader.parse("\"\\u0041\\u00e9\\ud83d\\ude00\\/\""));
        assertEquals(0L, JsonReader.parse("0"));
        assertEquals(-7L, JsonReader.parse("-7"));
        assertEquals(2.5e10, JsonReader.parse("2.5E10"));
    }

    @Test
    void rejectsMalformedText() {
        for (String bad : new String[] {"", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "01", "1.", "-", "\"abc", "\"\\x\"", "\"\\u12\"",
                "tru", "{\"a\":1} x", "{1:2}", "\"a\u0001\"", "99999999999999999999", "[1 2]"}) {
            assertThrows(JsonReader.SyntaxException.class, () -> JsonReader.parse(bad), bad);
        }
    }

    @Test
    void rejectsDuplicateKeysAndDeepNesting() {
        var e = assertThrows(JsonReader.SyntaxException.class, () -> JsonReader.parse("{\"a\":1,\"a\":2}"));
        assertTrue(e.getMessage().contains("duplicate key"), e.getMessage());
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        e = assertThrows(JsonReader.SyntaxException.class, () -> JsonReader.parse(deep));
        assertTrue(e.getMessage().contains("nesting"), e.getMessage());
    }
}
