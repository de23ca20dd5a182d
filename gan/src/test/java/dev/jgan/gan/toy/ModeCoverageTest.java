package dev.jgan.gan.toy;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModeCoverageTest {
    private final GaussianMixture2d ring = GaussianMixture2d.ring(8, 2.0, 0.02);

    @Test
    void samplesOfTheMixtureItselfCoverEveryModeWithHighQuality() {
        ModeCoverage score = ModeCoverage.of(ring, ring.sample(new Generator(1), 2500));
        assertEquals(8, score.modesCovered());
        // Within 3 sigma in 2-D holds for 1 - exp(-9/2) = 98.9 % of a Gaussian's mass.
        assertEquals(0.989, score.highQualityShare(), 0.01);
    }

    @Test
    void collapsedSamplesCoverOneMode() {
        double[] mode = ring.mode(3);
        float[] xy = new float[200];
        for (int i = 0; i < 100; i++) {
            xy[2 * i] = (float) mode[0];
            xy[2 * i + 1] = (float) mode[1];
        }
        ModeCoverage score = ModeCoverage.of(ring, Tensor.fromArray(xy, 100, 2));
        assertEquals(1, score.modesCovered());
        assertEquals(1.0, score.highQualityShare());
        assertArrayEquals(new int[]{0, 0, 0, 100, 0, 0, 0, 0}, score.samplesPerMode());
    }

    @Test
    void samplesBetweenModesAreLowQuality() {
        ModeCoverage score = ModeCoverage.of(ring, Tensor.zeros(50, 2));
        assertEquals(0, score.modesCovered());
        assertEquals(0.0, score.highQualityShare());
    }

    @Test
    void gridHasTwentyFiveModesTwoApart() {
        GaussianMixture2d grid = GaussianMixture2d.grid(5, 2.0, 0.05);
        assertEquals(25, grid.modeCount());
        assertArrayEquals(new double[]{-4, -4}, grid.mode(0));
        assertArrayEquals(new double[]{4, 4}, grid.mode(24));
        ModeCoverage score = ModeCoverage.of(grid, grid.sample(new Generator(2), 2500));
        assertEquals(25, score.modesCovered());
        assertTrue(score.toString().startsWith("25/25 modes"), score.toString());
    }

    @Test
    void wrongShapeIsRejectedWithTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModeCoverage.of(ring, Tensor.zeros(10, 3)));
        assertTrue(e.getMessage().contains("[10, 3]"), e.getMessage());
    }
}
