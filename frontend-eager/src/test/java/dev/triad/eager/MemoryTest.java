package dev.triad.eager;

import dev.triad.eager.nn.BatchNorm1d;
import dev.triad.eager.nn.CrossEntropyLoss;
import dev.triad.eager.nn.Dropout;
import dev.triad.eager.nn.Linear;
import dev.triad.eager.nn.ReLU;
import dev.triad.eager.nn.Sequential;
import dev.triad.eager.optim.Adam;
import dev.triad.eager.optim.ClipGrad;
import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.backend.MemoryStats;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Scoped training steps release everything they allocate: live bytes stay flat and nothing reaches the Cleaner. */
class MemoryTest {
    @Test
    void liveBytesStayFlatOverThousandsOfTrainingSteps() throws InterruptedException {
        Backend previous = Triad.defaultBackend();
        // A backend of its own, so that garbage left by other tests cannot show up in its allocator.
        try (Backend backend = Backends.open("cpu")) {
            Triad.setDefaultBackend(backend);
            Generator g = new Generator(0);
            Sequential model = new Sequential()
                    .add("fc1", new Linear(8, 16, true, g)).add("bn", new BatchNorm1d(16)).add("act", new ReLU())
                    .add("drop", new Dropout(0.1, g)).add("fc2", new Linear(16, 4, true, g));
            Adam opt = new Adam(model.parameters(), 1e-2);
            CrossEntropyLoss lossFn = new CrossEntropyLoss(0.05);
            Tensor x = Scope.escape(Tensors.randn(g, 16, 8));
            Tensor y = Scope.escape(Tensors.randint(g, 0, 4, 16));

            double first = step(model, opt, lossFn, x, y);   // creates the optimizer state
            step(model, opt, lossFn, x, y);
            MemoryStats before = settled(backend);
            double last = first;
            for (int i = 0; i < 2000; i++) last = step(model, opt, lossFn, x, y);
            MemoryStats after = settled(backend);

            assertEquals(before.liveBytes(), after.liveBytes(), "live bytes grew: before " + before + ", after " + after);
            assertEquals(before.liveBlocks(), after.liveBlocks());
            assertEquals(0, after.leakReclaims(), "buffers were reclaimed by the Cleaner: " + after);
            // The caching allocator: after warm-up a step reuses blocks and reserves nothing new.
            assertEquals(after.allocations() - before.allocations(), after.cacheHits() - before.cacheHits(), "steps allocated new blocks: before " + before + ", after " + after);
            assertEquals(before.reservedBytes(), after.reservedBytes());
            assertTrue(last < first, "the loss should fall: " + first + " -> " + last);

            opt.close();
            model.close();
            x.close();
            y.close();
            assertEquals(0, settled(backend).liveBytes(), backend.allocator().liveBlockReport());
        } finally {
            Triad.setDefaultBackend(previous);
        }
    }

    private static double step(Sequential model, Adam opt, CrossEntropyLoss lossFn, Tensor x, Tensor y) {
        try (var _ = Scope.open()) {
            opt.zeroGrad();
            Tensor loss = lossFn.apply(model.apply(x), y);
            loss.backward();
            ClipGrad.clipGradNorm(model.parameters(), 5.0);
            opt.step();
            return loss.item();
        }
    }

    /** Statistics after the garbage collector and the Cleaner had a chance to run. */
    private static MemoryStats settled(Backend b) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return b.allocator().stats();
    }
}
