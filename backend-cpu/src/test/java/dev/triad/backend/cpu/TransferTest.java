package dev.triad.backend.cpu;

import dev.triad.spi.backend.DeviceArray;
import dev.triad.spi.backend.HostArray;
import dev.triad.spi.error.ShapeException;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;
import org.junit.jupiter.api.Test;

import static dev.triad.backend.cpu.CpuTesting.BACKEND;
import static dev.triad.backend.cpu.CpuTesting.iota;
import static dev.triad.backend.cpu.CpuTesting.view;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TransferTest {
    @Test
    void uploadThenDownloadRoundTripsEveryDType() {
        for (DType t : DType.values()) {
            HostArray h = HostArray.fromDoubles(t, Shape.of(2, 2), 0, 1, 1, 0);
            try (DeviceArray d = BACKEND.upload(h)) {
                assertArrayEquals(h.bytes(), BACKEND.download(d).bytes(), t.toString());
            }
        }
    }

    @Test
    void downloadReadsBroadcastFlippedAndOffsetViews() {
        try (DeviceArray x = iota(DType.I64, 6)) {
            // Rows broadcast (stride 0), columns flipped (stride -1), starting at element 4.
            DeviceArray v = view(x, 4, new long[] {2, 3}, new long[] {0, -1});
            assertArrayEquals(new long[] {4, 3, 2, 4, 3, 2}, BACKEND.download(v).toLongs());
            v.close();
        }
    }

    @Test
    void copyIntoConvertsIntoAStridedDestination() {
        try (DeviceArray src = iota(DType.F32, 3); DeviceArray dst = iota(DType.I32, 6)) {
            // Every other element of dst, backwards: dst[4], dst[2], dst[0] get 0, 1, 2.
            DeviceArray target = view(dst, 4, new long[] {3}, new long[] {-2});
            BACKEND.copyInto(src, target);
            assertArrayEquals(new long[] {2, 1, 1, 3, 0, 5}, BACKEND.download(dst).toLongs());
            DeviceArray broadcast = view(dst, 0, new long[] {3}, new long[] {0});
            assertThrows(ShapeException.class, () -> BACKEND.copyInto(src, broadcast));
            CpuTesting.close(target, broadcast);
        }
    }
}
