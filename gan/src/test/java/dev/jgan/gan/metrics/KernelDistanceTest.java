package dev.jgan.gan.metrics;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelDistanceTest {

    @Test
    void matchesTheUnbiasedEstimatorComputedPairByPair() {
        // Subsets as large as the sets hold every sample, so each subset gives the same estimate.
        double[][] x = {{0, 1}, {1, 2}, {-1, 0.5}};
        double[][] y = {{2, 0}, {0.5, 0.5}, {1, -1}};
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (i != j) {
                    xx += k(x[i], x[j]);
                    yy += k(y[i], y[j]);
                }
                xy += k(x[i], y[j]);
            }
        }
        double expected = xx / 6 + yy / 6 - 2 * xy / 9;
        KernelDistance kd = KernelDistance.estimate(FeatureMatrix.of(x), FeatureMatrix.of(y), 5, 3, 0);
        assertEquals(expected, kd.mean(), 1e-12);
        assertEquals(0.0, kd.std(), 1e-12);
        assertEquals(3, kd.subsetSize());
    }

    private static double k(double[] a, double[] b) {
        return Math.pow((a[0] * b[0] + a[1] * b[1]) / 2 + 1, 3);
    }

    @Test
    void twoSamplesOfOneDistributionScoreZeroWithinTheSpread() {
        FeatureMatrix x = gaussian(1, 0.0);
        FeatureMatrix y = gaussian(2, 0.0);
        KernelDistance kd = KernelDistance.estimate(x, y, 50, 200, 0);
        assertTrue(Math.abs(kd.mean()) < kd.std(), "unbiased: " + kd);
        assertTrue(kd.std() > 0, "subsets of 200 out of 1000 differ: " + kd);
    }

    @Test
    void aShiftedDistributionScoresManySpreadsAboveZero() {
        FeatureMatrix x = gaussian(1, 0.0);
        FeatureMatrix near = gaussian(2, 0.3);
        FeatureMatrix far = gaussian(3, 1.0);
        KernelDistance kNear = KernelDistance.estimate(x, near, 50, 200, 0);
        KernelDistance kFar = KernelDistance.estimate(x, far, 50, 200, 0);
        assertTrue(kNear.mean() > 3 * kNear.std(), kNear.toString());
        assertTrue(kFar.mean() > 10 * kNear.mean(), kNear + " then " + kFar);
    }

    @Test
    void refusesSetsTooSmallForAPair() {
        FeatureMatrix one = new FeatureMatrix(1, 2, new double[2]);
        assertThrows(IllegalArgumentException.class, () -> KernelDistance.estimate(one, one, 0));
    }

    /** 1000 samples of N(shift, I) in 8 dimensions. */
    private static FeatureMatrix gaussian(long seed, double shift) {
        return FeatureMatrix.of(Tensor.normal(new Generator(seed), DType.FLOAT64, shift, 1, 1000, 8));
    }
}
