package dev.jgan.tutorials.evaluation;

import dev.jgan.gan.metrics.FeatureMatrix;
import dev.jgan.gan.metrics.PrecisionRecall;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exercise 10: k-NN precision and recall by loops equal the library's, and see a dropped mode. */
class PrecisionRecallExerciseTest {
    @Test
    void equalsTheLibrary() {
        Random random = new Random(10);
        double[][] real = cloud(random, 120, 4, 0.0, 1.0);
        double[][] generated = cloud(random, 90, 4, 0.5, 0.7);
        for (int k : new int[]{1, 3, 5}) {
            PrecisionRecall expected = PrecisionRecall.of(FeatureMatrix.of(real), FeatureMatrix.of(generated), k);
            double[] mine = KnnPrecisionRecall.of(real, generated, k);
            assertEquals(expected.precision(), mine[0], 1e-12, "precision, k = " + k);
            assertEquals(expected.recall(), mine[1], 1e-12, "recall, k = " + k);
        }
        double[] same = KnnPrecisionRecall.of(real, real, 3);
        assertEquals(1.0, same[0], 0.0, "a set is inside its own manifold");
        assertEquals(1.0, same[1], 0.0, "a set covers its own manifold");
    }

    @Test
    void aDroppedModeCostsRecallNotPrecision() {
        // Real data: two clusters far apart. The "generator" draws only the first.
        Random random = new Random(11);
        double[][] left = cloud(random, 100, 2, -10, 1);
        double[][] right = cloud(random, 100, 2, 10, 1);
        double[][] real = new double[200][];
        System.arraycopy(left, 0, real, 0, 100);
        System.arraycopy(right, 0, real, 100, 100);
        double[][] generated = cloud(random, 200, 2, -10, 1);
        double[] pr = KnnPrecisionRecall.of(real, generated, 3);
        System.out.printf("exercise 10: one of two modes dropped: precision %.3f, recall %.3f%n", pr[0], pr[1]);
        assertTrue(pr[0] > 0.9, "the samples are realistic: precision " + pr[0]);
        assertTrue(pr[1] > 0.4 && pr[1] < 0.55, "half the real data is not covered: recall " + pr[1]);
    }

    private static double[][] cloud(Random random, int n, int d, double mean, double std) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = mean + std * random.nextGaussian();
            }
        }
        return x;
    }
}
