package dev.jgan.tutorials.gan1d;

import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.toy1d.Snapshot1d;
import dev.jgan.gan.toy1d.Training1d;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exercise 5: the Jensen-Shannon divergence on the chapter's grid, and three short trainings
 * compared by it: the chapter's k = 1 with D learning 4x faster, k = 5, and equal learning rates.
 */
class VariantsExerciseTest {
    private static final int STEPS = 300;
    private static final int SAMPLES = 2000;

    @Test
    void jensenShannonOnTheGrid() {
        Setup setup = Setup.standard(5);
        Snapshot1d s = Snapshot1d.take(0, setup.newGan(), setup.data(), new Generator(6), SAMPLES, TrainingSection.GRID);
        assertEquals(s.jsd(), Variants.jensenShannon(s.x(), s.pData(), s.pG()), 1e-12, "the library's JSD of G at step 0");
        assertEquals(0.0, Variants.jensenShannon(s.x(), s.pData(), s.pData()), 1e-15, "JSD(p || p)");
        // Two narrow bumps far apart: no overlap, JSD = log 2, its largest value.
        double[] xs = new double[2001];
        double[] p = new double[xs.length];
        double[] q = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -10 + 20.0 * i / (xs.length - 1);
            p[i] = Math.exp(-(xs[i] + 5) * (xs[i] + 5) / 2) / Math.sqrt(2 * Math.PI);
            q[i] = Math.exp(-(xs[i] - 5) * (xs[i] - 5) / 2) / Math.sqrt(2 * Math.PI);
        }
        assertEquals(Math.log(2), Variants.jensenShannon(xs, p, q), 1e-5, "disjoint densities");
    }

    @Test
    void kAndTheLearningRates() {
        Setup setup = Setup.standard(5);
        double before = jsdAfter(setup, 1, setup.discriminatorLrRatio(), 0);
        double chapter = jsdAfter(setup, 1, setup.discriminatorLrRatio(), STEPS);
        double fiveDSteps = jsdAfter(setup, 5, setup.discriminatorLrRatio(), STEPS);
        double equalRates = jsdAfter(setup, 1, 1.0, STEPS);
        System.out.printf("exercise 5: JSD after %d steps: before training %.4f | k = 1, D's lr 4x %.4f"
                + " | k = 5, D's lr 4x %.4f | k = 1, equal lr %.4f%n", STEPS, before, chapter, fiveDSteps, equalRates);
        for (double jsd : new double[]{chapter, fiveDSteps, equalRates}) {
            assertTrue(jsd >= 0 && jsd < before, "every variant learns something: " + jsd + " vs " + before + " before");
        }
    }

    @Test
    void theVariantIsTheOneAskedFor() {
        Setup setup = Setup.standard(5);
        Training1d training = Variants.training(setup, setup.newGan(), 5, 1.0, STEPS);
        assertEquals(5, training.options().gan().discriminatorSteps(), "k");
        assertEquals(training.options().generatorLr(10), training.options().discriminatorLr(10), 0.0, "equal rates");
        assertEquals(setup.lr(), training.options().gan().lr(), 0.0, "the chapter's learning rate");
        assertEquals(setup.batchSize(), training.options().batchSize(), "the chapter's batch");
    }

    private static double jsdAfter(Setup setup, int k, double ratio, int steps) {
        Gan gan = setup.newGan();
        Variants.training(setup, gan, k, ratio, Math.max(steps, 1)).train(steps);
        Snapshot1d s = Snapshot1d.take(steps, gan, setup.data(), new Generator(setup.seed() + 11), SAMPLES,
                TrainingSection.GRID);
        return Variants.jensenShannon(s.x(), s.pData(), s.pG());
    }
}
