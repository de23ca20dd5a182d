package dev.jgan.core.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link CacheLines} reads where the JVM put an array. What can be checked from Java: the answer is an
 * index within one line, and two arrays of one line each, allocated one after the other, lie exactly
 * 64 bytes apart, which a misread reference would not show (shifted by the wrong amount, 64 bytes
 * would read as 8 or 512).
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
        // An array of exactly one line: the next one allocated follows it at once.
        int floats = (int) ((CacheLines.LINE_BYTES - CacheLines.FLOATS_BASE) / Float.BYTES);
        long size = CacheLines.FLOATS_BASE + (long) floats * Float.BYTES;
        int apart = 0;
        for (int attempt = 0; attempt < 20; attempt++) {
            float[] first = new float[floats];
            float[] second = new float[floats];
            if (CacheLines.addressOf(second) - CacheLines.addressOf(first) == size) {
                apart++;
            }
        }
        // A fresh thread-local allocation buffer can come between two of them now and then, not every time.
        assertTrue(apart >= 10, "arrays allocated one after the other were " + size + " bytes apart in " + apart
                + " of 20 tries");
    }
}
