package dev.jgan.tutorials.modes;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.gan.mmd.Mmd;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exercise 6: the unbiased MMD^2 by loops equals Mmd.unbiasedSquared and averages to 0 for P = Q. */
class UnbiasedMmdExerciseTest {
    private static final double[] BANDWIDTHS = {0.5, 1, 2};

    @Test
    void equalsTheTensorVersion() {
        Random random = new Random(6);
        double[][] x = gaussian(random, 17, 2, 0.0);
        double[][] y = gaussian(random, 23, 2, 0.7);
        double expected = Mmd.unbiasedSquared(tensor(x), tensor(y), BANDWIDTHS).item();
        assertEquals(expected, UnbiasedMmd.squared(x, y, BANDWIDTHS), 1e-12);
        System.out.printf("exercise 6: unbiased MMD^2 of N(0, I) and N(0.7, I), 17 and 23 points: %.4f%n",
                UnbiasedMmd.squared(x, y, BANDWIDTHS));
    }

    @Test
    void averagesToZeroForTwoSamplesOfOneDistribution() {
        Random random = new Random(60);
        int trials = 200;
        double unbiased = 0;
        double unbiasedSquares = 0;
        double biased = 0;
        for (int t = 0; t < trials; t++) {
            double[][] x = gaussian(random, 10, 2, 0.0);
            double[][] y = gaussian(random, 10, 2, 0.0);
            double u = UnbiasedMmd.squared(x, y, BANDWIDTHS);
            unbiased += u / trials;
            unbiasedSquares += u * u / trials;
            biased += Mmd.squared(tensor(x), tensor(y), BANDWIDTHS).item() / trials;
        }
        double standardError = Math.sqrt((unbiasedSquares - unbiased * unbiased) / trials);
        System.out.printf("exercise 6: P = Q, 10 + 10 points, mean of %d trials: unbiased %.4f (standard error %.4f),"
                + " biased %.4f%n", trials, unbiased, standardError, biased);
        assertTrue(Math.abs(unbiased) < 4 * standardError, "unbiased: mean " + unbiased + " is not near 0");
        assertTrue(biased > 20 * standardError, "the biased estimate sits above 0: " + biased);
    }

    private static double[][] gaussian(Random random, int n, int d, double mean) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = mean + random.nextGaussian();
            }
        }
        return x;
    }

    private static Tensor tensor(double[][] x) {
        double[] flat = new double[x.length * x[0].length];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * x[0].length, x[0].length);
        }
        return Tensor.fromArray(flat, x.length, x[0].length).to(DType.FLOAT64);
    }
}
