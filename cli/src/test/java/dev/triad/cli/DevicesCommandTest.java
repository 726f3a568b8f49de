package dev.triad.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevicesCommandTest {
    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void listsTheCpuBackendWithThreadsAndSimdWidth() {
        String[] r = run("devices");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("cpu  (priority"), r[1]);
        assertTrue(r[1].contains("cpu:0"), r[1]);
        assertTrue(r[1].contains("threads"), r[1]);
        assertTrue(r[1].contains("simd_bits"), r[1]);
    }

    @Test
    void unknownCommandIsAUsageError() {
        String[] r = run("frobnicate");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("unknown command 'frobnicate'"), r[2]);
    }

    @Test
    void devicesRejectsArguments() {
        String[] r = run("devices", "--bogus");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("takes no arguments"), r[2]);
    }
}
