package dev.jgan.tutorials.mlpgan;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.models.MlpGan;
import dev.jgan.nn.BatchNorm;
import dev.jgan.nn.BatchNorm1d;
import dev.jgan.nn.Module;
import dev.jgan.nn.Sequential;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exercise 7: BatchNorm's train-mode normalization by hand equals BatchNorm1d's for both eps, and
 * in gan.py's untrained G, eps = 0.8 damps where eps = 1e-5 standardizes.
 */
class BatchNormExerciseTest {
    @Test
    void equalsBatchNorm1dForBothEps() {
        Tensor x = Tensor.randn(new Generator(7), 32, 6).mul(0.3).add(0.1);
        for (double eps : new double[]{0.8, 1e-5}) {
            Tensor expected;
            try (GradMode.Scope scope = GradMode.noGrad()) {
                expected = new BatchNorm1d(6, eps, BatchNorm.DEFAULT_MOMENTUM, false).forward(x);
            }
            double[][] mine = BatchNormByHand.normalize(rows(x), eps);
            double[][] theirs = rows(expected);
            for (int i = 0; i < mine.length; i++) {
                for (int f = 0; f < mine[i].length; f++) {
                    assertEquals(theirs[i][f], mine[i][f], 1e-5, "eps " + eps + ", sample " + i + ", feature " + f);
                }
            }
        }
    }

    @Test
    void ganPysEpsDampsTheUntrainedGenerator() {
        // The chapter's G (section 2): gan.py's eps = 0.8, seeded as the chapter seeds it.
        Gan gan = MlpGan.build(Training.LATENT_DIM, 1, 8, 8, MlpGan.GAN_PY_BATCH_NORM_EPS, new Generator(MlpGanChapter.SEED));
        Sequential g = (Sequential) gan.generator();
        Tensor x = gan.noise(new Generator(MlpGanChapter.SEED + 8), NetworkSection.PROBE_BATCH);
        try (GradMode.Scope scope = GradMode.noGrad()) {
            for (int i = 0; i < g.size(); i++) {
                Module layer = g.get(i);
                if (layer instanceof BatchNorm) {
                    double[][] in = rows(x);
                    double damped = meanStd(BatchNormByHand.normalize(in, MlpGan.GAN_PY_BATCH_NORM_EPS));
                    double standardized = meanStd(BatchNormByHand.normalize(in, BatchNorm.DEFAULT_EPS));
                    System.out.printf("exercise 7: layer (%d), output std with eps 0.8: %.3f, with eps 1e-5: %.3f%n",
                            i, damped, standardized);
                    assertTrue(standardized > 0.99, "eps 1e-5 standardizes: " + standardized);
                    assertTrue(damped < 0.25, "eps 0.8 damps the small activations of the untrained G: " + damped);
                    // At initialization the layer's scale is 1 and its shift 0: its output is the normalization.
                    assertEquals(meanStd(rows(layer.forward(x))), damped, 1e-4, "the layer itself, eps 0.8");
                }
                x = layer.forward(x);
            }
        }
    }

    /** The mean over features of each feature's standard deviation over the batch. */
    private static double meanStd(double[][] x) {
        double sum = 0;
        for (int f = 0; f < x[0].length; f++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[f] / x.length;
            }
            double var = 0;
            for (double[] row : x) {
                var += (row[f] - mean) * (row[f] - mean) / x.length;
            }
            sum += Math.sqrt(var);
        }
        return sum / x[0].length;
    }

    private static double[][] rows(Tensor t) {
        double[] flat = t.toDoubleArray();
        int n = t.size(0);
        int f = t.size(1);
        double[][] out = new double[n][f];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * f, out[i], 0, f);
        }
        return out;
    }
}
