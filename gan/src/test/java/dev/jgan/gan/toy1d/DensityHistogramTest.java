package dev.jgan.gan.toy1d;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DensityHistogramTest {

    @Test
    void heightsAreCountsOverNTimesWidthAndOutliersAreCountedNotBinned() {
        double[] x = {0.1, 0.2, 0.6, 1.5, 1.9, -0.5, 2.0, 7.0};
        DensityHistogram h = DensityHistogram.of(x, 0, 2, 4);
        assertArrayEquals(new double[]{0, 0.5, 1.0, 1.5, 2.0}, h.edges(), 1e-15);
        // counts 2, 1, 0, 2 of n = 8, width 0.5: height = count / 4
        assertArrayEquals(new double[]{0.5, 0.25, 0, 0.5}, h.heights(), 1e-15);
        // -0.5 is below, 2.0 is the (excluded) right edge, 7.0 is above
        assertEquals(3, h.outside());
        double area = 0;
        for (double height : h.heights()) {
            area += height * 0.5;
        }
        assertEquals(5.0 / 8.0, area, 1e-15);
    }

    @Test
    void badBinsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DensityHistogram.of(new double[]{1}, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> DensityHistogram.of(new double[]{1}, 1, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> DensityHistogram.of(new double[0], 0, 1, 3));
    }
}
