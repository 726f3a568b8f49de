package dev.triad.cli.train;

import dev.triad.eager.data.DatasetId;
import dev.triad.eager.models.MnistModels;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainOptionsTest {
    @Test
    void noArgumentsIsTheMainJob() {
        TrainOptions o = TrainOptions.parse(new String[0]);
        assertEquals(MnistModels.Kind.CNN, o.model());
        assertEquals(DatasetId.MNIST, o.dataset());
        assertEquals(1, o.epochs());
        assertEquals(32, o.batchSize());
        assertEquals(1e-3, o.lr());
        assertNull(o.backend());
        assertNull(o.checkpoint());
        assertFalse(o.resume());
        assertEquals(0, o.limit());
    }

    @Test
    void everyOptionParses() {
        TrainOptions o = TrainOptions.parse(new String[] {"--model", "mlp", "--dataset=fashion-mnist", "--epochs", "3", "--batch-size", "64",
                "--lr", "0.01", "--backend", "cpu", "--seed", "-7", "--checkpoint", "ck", "--resume", "--data-dir", "d", "--limit", "500",
                "--test-limit", "100", "--workers", "0", "--max-steps", "9", "--report-dir", "r", "--fetch"});
        assertEquals(MnistModels.Kind.MLP, o.model());
        assertEquals(DatasetId.FASHION_MNIST, o.dataset());
        assertEquals(3, o.epochs());
        assertEquals(64, o.batchSize());
        assertEquals(0.01, o.lr());
        assertEquals("cpu", o.backend());
        assertEquals(-7, o.seed());
        assertEquals(Path.of("ck"), o.checkpoint());
        assertTrue(o.resume());
        assertEquals(Path.of("d"), o.dataDir());
        assertEquals(500, o.limit());
        assertEquals(100, o.testLimit());
        assertEquals(0, o.workers());
        assertEquals(9, o.maxSteps());
        assertEquals(Path.of("r"), o.reportDir());
        assertTrue(o.fetch());
    }

    private static String error(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> TrainOptions.parse(args)).getMessage();
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertEquals("unknown option '--bogus'", error("--bogus"));
        assertEquals("--epochs needs a value", error("--epochs"));
        assertEquals("--epochs must be positive, got 0", error("--epochs", "0"));
        assertEquals("--batch-size expects a non-negative integer, got 'x'", error("--batch-size", "x"));
        assertEquals("--lr expects a positive number, got '-1'", error("--lr", "-1"));
        assertEquals("unknown model 'resnet'; expected cnn or mlp", error("--model", "resnet"));
        assertEquals("unknown data set 'cifar'; expected mnist or fashion-mnist", error("--dataset", "cifar"));
        assertEquals("--resume needs --checkpoint DIR", error("--resume"));
    }
}
