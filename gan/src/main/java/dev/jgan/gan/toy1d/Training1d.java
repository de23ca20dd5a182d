package dev.jgan.gan.toy1d;

import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.train.GanTrainer;
import dev.jgan.gan.train.StepResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Training on the 1-D problem: each step draws a fresh batch [batchSize, 1] from the data
 * distribution and hands it to {@link GanTrainer} (Algorithm 1 of Goodfellow et al.). There is no
 * data set and no epoch: the data distribution is known, so every batch is new.
 *
 * <p>Two changes to the plain loop, both because a GAN's two players do not settle down by
 * themselves: the discriminator learns {@code discriminatorLrRatio} times faster than the
 * generator (the two time-scale update rule of Heusel et al. 2017: D should be nearly optimal
 * for the G it judges), and both learning rates fall linearly to 0 over the planned steps: two
 * players chasing each other tend to circle the solution, and shrinking steps shrink the circle,
 * where a constant rate would keep it at full size until the run stops at a random point of it.
 */
public final class Training1d {
    /**
     * @param gan                  loss, k, base learning rate (the generator's) and Adam's betas
     * @param batchSize            real samples per step (as many noise samples)
     * @param steps                the planned number of steps, over which the learning rates fall to 0
     * @param discriminatorLrRatio the discriminator's learning rate over the generator's
     */
    public record Options(GanTrainer.Options gan, int batchSize, int steps, double discriminatorLrRatio) {
        public Options {
            if (batchSize < 2) {
                throw new IllegalArgumentException("Training1d: batch size must be >= 2, got " + batchSize);
            }
            if (steps < 1) {
                throw new IllegalArgumentException("Training1d: planned steps must be >= 1, got " + steps);
            }
            if (!(discriminatorLrRatio > 0)) {
                throw new IllegalArgumentException("Training1d: the discriminator's learning-rate ratio must be > 0, got "
                        + discriminatorLrRatio);
            }
        }

        /** The generator's learning rate for step {@code step} (counted from 0): lr (1 - step / steps). */
        public double generatorLr(long step) {
            return gan.lr() * (1.0 - (double) step / steps);
        }

        /** The discriminator's: discriminatorLrRatio times the generator's. */
        public double discriminatorLr(long step) {
            return generatorLr(step) * discriminatorLrRatio;
        }
    }

    private final Gaussian1d data;
    private final Options options;
    private final Generator dataGen;
    private final GanTrainer trainer;

    /**
     * @param dataGen  draws the real batches
     * @param noiseGen draws the generator's noise z (kept apart from dataGen so that changing
     *                 one never changes the other's stream)
     */
    public Training1d(Gan gan, Gaussian1d data, Options options, Generator dataGen, Generator noiseGen) {
        if (!Arrays.equals(gan.sampleShape(), new int[]{1})) {
            throw new IllegalArgumentException("Training1d: the generator must produce samples of shape [1], got "
                    + Arrays.toString(gan.sampleShape()));
        }
        this.data = data;
        this.options = options;
        this.dataGen = dataGen;
        this.trainer = new GanTrainer(gan, options.gan(), noiseGen);
    }

    /** One step of the trainer on a fresh batch of real data, at this step's learning rates. */
    public StepResult step() {
        long done = trainer.stepCount();
        if (done >= options.steps()) {
            throw new IllegalStateException("Training1d: all " + options.steps()
                    + " planned steps are done; the learning rate has reached 0");
        }
        trainer.generatorOptimizer().setLr(options.generatorLr(done));
        trainer.discriminatorOptimizer().setLr(options.discriminatorLr(done));
        return trainer.step(data.sample(dataGen, options.batchSize()));
    }

    /** {@code steps} more steps; what each measured, in order. */
    public List<StepResult> train(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("Training1d: steps must be >= 0, got " + steps);
        }
        List<StepResult> results = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            results.add(step());
        }
        return results;
    }

    /** The trainer underneath, with its two optimizers. */
    public GanTrainer trainer() {
        return trainer;
    }

    public Options options() {
        return options;
    }

    public long stepCount() {
        return trainer.stepCount();
    }
}
