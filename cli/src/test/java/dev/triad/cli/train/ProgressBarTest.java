package dev.triad.cli.train;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressBarTest {
    @Test
    void terminalModeRedrawsOneLineWithRateLossAndEta() {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintStream(bos, true, StandardCharsets.UTF_8), true, "epoch 1/1", 0, 100, now::get);
        now.set(2_000_000_000L);
        bar.update(50, 0.25);
        String s = bos.toString(StandardCharsets.UTF_8);
        assertTrue(s.startsWith("\repoch 1/1 ["), s);
        assertTrue(s.contains("50/100  25.0 steps/s  loss 0.2500  ETA 0:02"), s);
        assertFalse(s.contains("\n"), "stays on one line");
        now.addAndGet(10_000_000L);
        bar.update(51, 0.2); // too soon: no redraw
        assertEquals(s, bos.toString(StandardCharsets.UTF_8));
        now.set(4_000_000_000L);
        bar.update(100, 0.1);
        String all = bos.toString(StandardCharsets.UTF_8);
        assertTrue(all.contains("\repoch 1/1 [==============================] 100/100  25.0 steps/s  loss 0.1000  0:04"), all);
        assertTrue(all.endsWith("\n"), "the finished bar ends its line");
    }

    @Test
    void plainModePrintsWholeLinesRarely() {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintStream(bos, true, StandardCharsets.UTF_8), false, "epoch 2/3", 10, 110, now::get);
        for (int i = 11; i <= 110; i++) {
            now.addAndGet(200_000_000L); // 5 steps/s, 20 s in all
            bar.update(i, 1.0 / i);
        }
        String[] lines = bos.toString(StandardCharsets.UTF_8).split("\n");
        assertTrue(lines.length >= 2 && lines.length <= 4, String.join("|", lines));
        assertFalse(bos.toString(StandardCharsets.UTF_8).contains("\r"));
        assertTrue(lines[lines.length - 1].contains("110/110  5.0 steps/s"), lines[lines.length - 1]);
    }

    @Test
    void clockFormats() {
        assertEquals("0:05", ProgressBar.clock(5));
        assertEquals("2:05", ProgressBar.clock(125));
        assertEquals("1:00:00", ProgressBar.clock(3600));
    }
}
