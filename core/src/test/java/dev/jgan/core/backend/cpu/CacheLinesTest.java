package dev.jgan.core.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link CacheLines} reads where the JVM put an array. What can be checked from Java: the answer is an
 * index within one line, and two arrays allocated one after the other lie exactly one array's size
 * apart, which a misread reference would not show (shifted by the wrong amount, 64 bytes would read as
 * 8 or 512).
 */
class CacheLinesTest {

    @Test
    void theFirstAlignedIndexLiesWithinALine() {
        for (int size = 1; size < 200; size += 7) {
            int first = CacheLines.firstAligned(new float[size + CacheLines.SLACK]);
            assertTrue(first >= 0 && first < CacheLines.SLACK, "index " + first + " for " + size + " floats");
        }
    }

    @Test
    void arraysAllocatedOneAfterTheOtherLieOneArrayApart() {
        if (!CacheLines.readsLayout()) {
            // Off (JDK 24 and later, see the class comment): nothing is aligned, every buffer starts at 0.
            assertTrue(Runtime.version().feature() >= 24, "the layout is read on every JDK before 24");
            assertEquals(0, CacheLines.firstAligned(new float[100]));
            return;
        }
        // 12 floats after the header: a whole number of 8-byte units, so the next array follows at once.
        long size = CacheLines.FLOATS_BASE + 12 * Float.BYTES;
        assertEquals(0, size % 8, "the test assumes a header of a multiple of 4 bytes");
        int apart = 0;
        for (int attempt = 0; attempt < 20; attempt++) {
            float[] first = new float[12];
            float[] second = new float[12];
            if (CacheLines.addressOf(second) - CacheLines.addressOf(first) == size) {
                apart++;
                assertEquals(Math.floorMod(CacheLines.firstAligned(first) - size / Float.BYTES, CacheLines.SLACK),
                        CacheLines.firstAligned(second), "the same line boundary, seen from both arrays");
            }
        }
        // A fresh thread-local allocation buffer can come between two of them now and then, not every time.
        assertTrue(apart >= 10, "arrays allocated one after the other were " + size + " bytes apart in " + apart
                + " of 20 tries");
    }
}
