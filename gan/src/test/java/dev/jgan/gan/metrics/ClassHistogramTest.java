package dev.jgan.gan.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassHistogramTest {
    @Test
    void countsEachPredictedClassAndReportsShares() {
        ClassHistogram h = ClassHistogram.of("cnn", new int[]{2, 0, 2, 2, 3, 0, 2, 3}, 4);
        assertArrayEquals(new int[]{2, 0, 4, 2}, h.counts());
        assertEquals(8, h.samples());
        assertEquals(0.5, h.share(2));
        assertEquals(0.0, h.smallestShare());
        assertEquals(0.5, h.largestShare());
        assertEquals(1, h.missingClasses());
    }

    @Test
    void theTableGivesEveryClassInPercentAndWhatIsMissing() {
        String table = ClassHistogram.of("digits-cnn", new int[]{0, 0, 0, 1}, 3).table();
        assertTrue(table.startsWith("classes digits-cnn predicts for 4 samples (%): 0: 75.0 1: 25.0 2: 0.0"), table);
        assertTrue(table.contains("smallest class 0.0 %, largest 75.0 %, 1 of 3 classes never drawn"), table);
    }

    @Test
    void classesOutsideTheRangeAreErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassHistogram.of("cnn", new int[]{0, 3}, 3));
        assertTrue(e.getMessage().contains("class 3 outside 0..2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ClassHistogram("cnn", new int[]{1, -1}));
    }

    @Test
    void theCountsCannotBeChangedFromOutside() {
        int[] counts = {1, 2};
        ClassHistogram h = new ClassHistogram("cnn", counts);
        counts[0] = 50;
        h.counts()[1] = 50;
        assertArrayEquals(new int[]{1, 2}, h.counts());
    }
}
