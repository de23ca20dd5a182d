package dev.jgan.gan.mmd;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MmdTest {
    private static final double[] BANDWIDTHS = {0.5, 1.0, 2.0};

    @Test
    void identicalSamplesHaveZeroDiscrepancy() {
        Tensor x = Tensor.randn(new Generator(1), 20, 2);
        assertEquals(0.0, Mmd.squared(x, x, BANDWIDTHS).item(), 1e-5);
    }

    @Test
    void discrepancyGrowsWithTheShiftBetweenDistributions() {
        Generator gen = new Generator(2);
        Tensor x = Tensor.randn(gen, 200, 2);
        Tensor y = Tensor.randn(gen, 200, 2);
        double same = Mmd.squared(x, y, BANDWIDTHS).item();
        double near = Mmd.squared(x, y.add(0.5), BANDWIDTHS).item();
        double far = Mmd.squared(x, y.add(2.0), BANDWIDTHS).item();
        assertTrue(same < near && near < far, same + " < " + near + " < " + far);
    }

    @Test
    void matchesTheDefinitionComputedPairByPair() {
        Tensor x = Tensor.fromArray(new double[]{0, 0, 1, 0}, 2, 2);
        Tensor y = Tensor.fromArray(new double[]{0, 1}, 1, 2);
        double s = 1.0;
        double kxx = (1 + Math.exp(-1 / 2.0) * 2 + 1) / 4;
        double kyy = 1;
        double kxy = (Math.exp(-1 / 2.0) + Math.exp(-2 / 2.0)) / 2;
        assertEquals(kxx + kyy - 2 * kxy, Mmd.squared(x, y, s).item(), 1e-12);
    }

    @Test
    void gradientWithRespectToGeneratedSamplesPassesGradcheck() {
        Tensor x = Tensor.normal(new Generator(3), DType.FLOAT64, 0, 1, 4, 2).requiresGrad(true);
        Tensor y = Tensor.normal(new Generator(4), DType.FLOAT64, 0.5, 1, 3, 2);
        GradCheck.gradcheck(in -> Mmd.squared(in.get(0), y, BANDWIDTHS), x);
    }

    @Test
    void unbiasedEstimateMatchesTheDefinitionComputedPairByPair() {
        Tensor x = Tensor.fromArray(new double[]{0, 0, 1, 0, 0, 2}, 3, 2);
        Tensor y = Tensor.fromArray(new double[]{0, 1, 1, 1}, 2, 2);
        double[] bandwidths = {0.7, 1.5};
        double[][] xs = {{0, 0}, {1, 0}, {0, 2}};
        double[][] ys = {{0, 1}, {1, 1}};
        double kxx = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                kxx += i == j ? 0 : k(xs[i], xs[j], bandwidths);
            }
        }
        double kyy = 2 * k(ys[0], ys[1], bandwidths);
        double kxy = 0;
        for (double[] a : xs) {
            for (double[] b : ys) {
                kxy += k(a, b, bandwidths);
            }
        }
        double expected = kxx / (3 * 2) + kyy / (2 * 1) - 2 * kxy / (3 * 2);
        assertEquals(expected, Mmd.unbiasedSquared(x, y, bandwidths).item(), 1e-12);
    }

    @Test
    void unbiasedEstimateAveragesToZeroForOneDistributionWhereTheBiasedOneDoesNot() {
        Generator gen = new Generator(5);
        double biased = 0;
        double unbiased = 0;
        int trials = 200;
        for (int t = 0; t < trials; t++) {
            Tensor x = Tensor.normal(gen, DType.FLOAT64, 0, 1, 16, 2);
            Tensor y = Tensor.normal(gen, DType.FLOAT64, 0, 1, 16, 2);
            biased += Mmd.squared(x, y, BANDWIDTHS).item() / trials;
            unbiased += Mmd.unbiasedSquared(x, y, BANDWIDTHS).item() / trials;
        }
        // With 16 samples a side the biased estimate's offset, about 2 (k(x,x) - E k(x,x')) / 16
        // summed over the bandwidths, is near 0.2; the unbiased mean scatters around 0 by ~0.005.
        assertTrue(biased > 0.1, "biased mean " + biased);
        assertEquals(0.0, unbiased, 0.02);
    }

    @Test
    void unbiasedEstimateNeedsTwoSamplesASide() {
        Tensor one = Tensor.zeros(1, 2);
        Tensor two = Tensor.zeros(2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mmd.unbiasedSquared(one, two, BANDWIDTHS));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
    }

    @Test
    void unbiasedEstimateGradientPassesGradcheck() {
        Tensor x = Tensor.normal(new Generator(6), DType.FLOAT64, 0, 1, 5, 2).requiresGrad(true);
        Tensor y = Tensor.normal(new Generator(7), DType.FLOAT64, 0.5, 1, 4, 2);
        GradCheck.gradcheck(in -> Mmd.unbiasedSquared(in.get(0), y, BANDWIDTHS), x);
    }

    private static double k(double[] a, double[] b, double[] bandwidths) {
        double d2 = (a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]);
        double sum = 0;
        for (double s : bandwidths) {
            sum += Math.exp(-d2 / (2 * s * s));
        }
        return sum;
    }
}
