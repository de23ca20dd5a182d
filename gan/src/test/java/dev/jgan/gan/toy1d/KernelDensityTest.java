package dev.jgan.gan.toy1d;

import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelDensityTest {

    @Test
    void oneSampleGivesTheKernelItself() {
        KernelDensity kde = KernelDensity.withBandwidth(new double[]{2.0}, 0.5);
        assertEquals(new Gaussian1d(2.0, 0.5).density(2.3), kde.density(2.3), 1e-15);
    }

    @Test
    void silvermansBandwidthOfASmallSample() {
        // s = sqrt(5/3) = 1.2910; IQR = 3.25 - 1.75 = 1.5 (NumPy's interpolation), / 1.34 = 1.1194;
        // h = 0.9 * 1.1194 * 4^(-1/5) = 0.7635
        double h = KernelDensity.silvermanBandwidth(new double[]{4, 1, 3, 2});
        assertEquals(0.9 * (1.5 / 1.34) * Math.pow(4, -0.2), h, 1e-12);
        assertEquals(h, KernelDensity.of(new double[]{4, 1, 3, 2}).bandwidth());
    }

    @Test
    void estimateOfNormalSamplesIsCloseToTheNormalDensityAndIntegratesToOne() {
        Gaussian1d normal = new Gaussian1d(4.0, 1.25);
        KernelDensity kde = KernelDensity.of(normal.sample(new Generator(5), 20_000).toDoubleArray());
        double area = 0;
        double worst = 0;
        double step = 0.02;
        for (int i = 0; i < 800; i++) {
            double x = -4 + i * step;
            double p = kde.density(x);
            area += p * step;
            worst = Math.max(worst, Math.abs(p - normal.density(x)));
        }
        assertEquals(1.0, area, 1e-6);
        // Peak 0.319; smoothing bias plus sampling noise stay within 3 % of it.
        assertTrue(worst < 0.01, "largest gap to the true density " + worst);
    }

    @Test
    void degenerateInputsAreRejected() {
        IllegalArgumentException equal = assertThrows(IllegalArgumentException.class,
                () -> KernelDensity.of(new double[]{1, 1, 1}));
        assertTrue(equal.getMessage().contains("all 3 samples are equal"), equal.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelDensity.of(new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> KernelDensity.withBandwidth(new double[]{1}, 0));
        assertThrows(IllegalArgumentException.class, () -> KernelDensity.withBandwidth(new double[0], 1));
    }
}
