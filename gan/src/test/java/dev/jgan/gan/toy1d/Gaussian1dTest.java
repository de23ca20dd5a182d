package dev.jgan.gan.toy1d;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Gaussian1dTest {
    private final Gaussian1d data = new Gaussian1d(4.0, 1.25);

    @Test
    void samplesAreABatchOfTheGeneratorsShapeWithTheRightMoments() {
        Tensor x = data.sample(new Generator(1), 50_000);
        assertArrayEquals(new int[]{50_000, 1}, x.shape());
        assertEquals(DType.FLOAT32, x.dtype());
        FittedGaussian fit = FittedGaussian.of(x);
        // Standard errors: 1.25 / sqrt(50000) = 0.0056 for the mean, about 0.004 for the std.
        assertEquals(4.0, fit.mean(), 0.02);
        assertEquals(1.25, fit.std(), 0.02);
    }

    @Test
    void densityHasTheNormalPeakAndIntegratesToOne() {
        assertEquals(1 / (1.25 * Math.sqrt(2 * Math.PI)), data.density(4.0), 1e-15);
        // One std away the density falls by exp(-1/2).
        assertEquals(data.density(4.0) * Math.exp(-0.5), data.density(5.25), 1e-15);
        double[] xs = new double[2001];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -6 + 20.0 * i / (xs.length - 1);
        }
        double[] p = data.density(xs);
        double area = 0;
        for (int i = 1; i < xs.length; i++) {
            area += 0.5 * (p[i] + p[i - 1]) * (xs[i] - xs[i - 1]);
        }
        assertEquals(1.0, area, 1e-9);
    }

    @Test
    void inverseCdfPutsTheQuartilesWhereTheNormalHasThem() {
        assertEquals(4.0, data.inverseCdf().applyAsDouble(0.5), 1e-9);
        // The standard normal's upper quartile is 0.6744897501960817.
        assertEquals(4.0 + 1.25 * 0.6744897501960817, data.inverseCdf().applyAsDouble(0.75), 1e-8);
    }

    @Test
    void badParametersAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Gaussian1d(0, 0));
        assertTrue(e.getMessage().contains("std 0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Gaussian1d(Double.NaN, 1));
        assertEquals("N(4.0, 1.25^2)", data.toString());
    }
}
