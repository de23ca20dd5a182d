package dev.jgan.gan.metrics;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrechetDistanceTest {

    @Test
    void aSetIsAtDistanceZeroFromItself() {
        FeatureMatrix x = FeatureMatrix.of(Tensor.normal(new Generator(1), DType.FLOAT64, 0.3, 2.0, 300, 16));
        Gaussian g = Gaussian.fit(x);
        double trace = 0;
        for (int i = 0; i < 16; i++) {
            trace += g.covariance()[i][i];
        }
        assertEquals(0.0, FrechetDistance.between(x, x), 1e-12 * trace);
    }

    @Test
    void diagonalGaussiansMatchTheClosedForm() {
        // With commuting (diagonal) covariances: |mu1 - mu2|^2 + sum (s1_i - s2_i)^2.
        double[] mu1 = {0, 1, -2};
        double[] mu2 = {0.5, 1, 0};
        double[] sd1 = {1, 2, 0.5};
        double[] sd2 = {3, 2, 0.1};
        double expected = 0.25 + 0 + 4 + 4 + 0 + 0.16;
        assertEquals(expected, FrechetDistance.between(new Gaussian(mu1, diagonal(sd1)), new Gaussian(mu2, diagonal(sd2))),
                1e-12);
    }

    @Test
    void fullTwoByTwoCovariancesMatchTheClosedForm() {
        // For a 2 x 2 PSD M, tr sqrt(M) = sqrt(tr M + 2 sqrt(det M)); here M = S1^1/2 S2 S1^1/2, whose
        // trace is tr(S1 S2) and determinant det S1 det S2.
        double[][] s1 = {{2.0, 0.8}, {0.8, 1.0}};
        double[][] s2 = {{0.5, -0.3}, {-0.3, 1.5}};
        double trProduct = s1[0][0] * s2[0][0] + s1[0][1] * s2[1][0] + s1[1][0] * s2[0][1] + s1[1][1] * s2[1][1];
        double det = (s1[0][0] * s1[1][1] - s1[0][1] * s1[1][0]) * (s2[0][0] * s2[1][1] - s2[0][1] * s2[1][0]);
        double traceSqrt = Math.sqrt(trProduct + 2 * Math.sqrt(det));
        double expected = 1 + 4 + 3.0 + 2.0 - 2 * traceSqrt;
        double actual = FrechetDistance.between(new Gaussian(new double[]{1, 0}, s1), new Gaussian(new double[]{0, 2}, s2));
        assertEquals(expected, actual, 1e-12);
        double swapped = FrechetDistance.between(new Gaussian(new double[]{0, 2}, s2), new Gaussian(new double[]{1, 0}, s1));
        assertEquals(expected, swapped, 1e-12, "the distance is symmetric though the formula is not");
    }

    @Test
    void scaledFullCovarianceMatchesTheClosedForm() {
        // S2 = c S1 gives tr sqrt(S1^1/2 c S1 S1^1/2) = sqrt(c) tr S1, so d^2 = |dmu|^2 + (1 - sqrt c)^2 tr S1.
        int d = 9;
        SplittableRandom random = new SplittableRandom(5);
        double[][] b = new double[d][d];
        for (double[] row : b) {
            for (int k = 0; k < d; k++) {
                row[k] = random.nextGaussian();
            }
        }
        double[][] s1 = FrechetDistance.multiply(b, SymmetricEigenTest.transpose(b));
        double c = 2.5;
        double[][] s2 = new double[d][d];
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += s1[i][i];
            for (int j = 0; j < d; j++) {
                s2[i][j] = c * s1[i][j];
            }
        }
        double[] mu2 = new double[d];
        mu2[3] = 2;
        double expected = 4 + (1 - Math.sqrt(c)) * (1 - Math.sqrt(c)) * trace;
        assertEquals(expected, FrechetDistance.between(new Gaussian(new double[d], s1), new Gaussian(mu2, s2)),
                1e-10 * trace);
    }

    @Test
    void sampledGaussiansApproachTheClosedForm() {
        // x = mu + L z with L L^T = S: N(mu1, S1) against N(mu2, diag(1, 1)) from 40 000 samples each.
        int n = 40_000;
        double[] z = Tensor.normal(new Generator(7), DType.FLOAT64, 0, 1, n, 2).toDoubleArray();
        double[] w = Tensor.normal(new Generator(8), DType.FLOAT64, 0, 1, n, 2).toDoubleArray();
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        double l00 = Math.sqrt(2.0);
        double l10 = 0.8 / l00;
        double l11 = Math.sqrt(1.0 - l10 * l10);
        for (int i = 0; i < n; i++) {
            x[2 * i] = 1 + l00 * z[2 * i];
            x[2 * i + 1] = l10 * z[2 * i] + l11 * z[2 * i + 1];
            y[2 * i] = w[2 * i];
            y[2 * i + 1] = w[2 * i + 1];
        }
        double[][] s1 = {{2.0, 0.8}, {0.8, 1.0}};
        double[][] identity = {{1, 0}, {0, 1}};
        double exact = FrechetDistance.between(new Gaussian(new double[]{1, 0}, s1), new Gaussian(new double[2], identity));
        double sampled = FrechetDistance.between(new FeatureMatrix(n, 2, x), new FeatureMatrix(n, 2, y));
        assertEquals(exact, sampled, 0.05 * exact);
        assertTrue(exact > 1, "the two Gaussians differ enough for the test to mean something: " + exact);
    }

    @Test
    void refusesFeatureSetsOfDifferentWidths() {
        FeatureMatrix a = new FeatureMatrix(3, 2, new double[6]);
        FeatureMatrix b = new FeatureMatrix(3, 3, new double[9]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(a, b));
        assertTrue(e.getMessage().contains("[3, 2] and [3, 3]"), e.getMessage());
    }

    private static double[][] diagonal(double[] sd) {
        double[][] m = new double[sd.length][sd.length];
        for (int i = 0; i < sd.length; i++) {
            m[i][i] = sd[i] * sd[i];
        }
        return m;
    }
}
