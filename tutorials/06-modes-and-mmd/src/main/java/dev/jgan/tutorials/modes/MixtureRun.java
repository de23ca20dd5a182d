package dev.jgan.tutorials.modes;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.mmd.Mmd;
import dev.jgan.gan.mmd.MomentMatching;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.models.ToyGan;
import dev.jgan.gan.toy.GaussianMixture2d;
import dev.jgan.gan.toy.ModeCoverage;
import dev.jgan.gan.train.GanTrainer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Trains one {@link Recipe} on one mixture from one seed, scoring the generator every
 * {@code scoreEvery} generator steps on 2500 samples drawn from fixed noise (the metric of the
 * VEEGAN and PacGAN papers), so that the scores over time follow one set of points.
 */
final class MixtureRun {
    /** The papers' number of samples for the metric. */
    static final int SAMPLES = 2500;

    /** The score after {@code step} generator steps. */
    record Score(int step, ModeCoverage coverage) {
    }

    record Result(Recipe recipe, GaussianMixture2d mixture, long seed, List<Score> history, double seconds) {
        ModeCoverage last() {
            return history.get(history.size() - 1).coverage();
        }

        /** Generator steps after which the score first had every mode covered, or -1. */
        int firstFullCoverage() {
            for (Score s : history) {
                if (s.coverage().modesCovered() == s.coverage().modeCount()) {
                    return s.step();
                }
            }
            return -1;
        }
    }

    private MixtureRun() {
    }

    /**
     * @param onScore called with each score and the 2500 samples it was computed from (for pictures)
     */
    static Result train(Recipe recipe, GaussianMixture2d mixture, long seed, int scoreEvery,
                        BiConsumer<Score, Tensor> onScore) {
        long start = System.nanoTime();
        Gan gan = ToyGan.build(recipe.latentDim(), 2, recipe.width(), recipe.depth(), recipe.pack(), new Generator(seed));
        Generator data = new Generator(seed + 1);
        Tensor fixedNoise = gan.noise(new Generator(seed + 3), SAMPLES);
        GanTrainer gt = recipe.isGan() ? new GanTrainer(gan, recipe.gan(), new Generator(seed + 2)) : null;
        if (gt != null && recipe.mmd() != null) {
            double[] bandwidths = recipe.mmd().bandwidths();
            gt.withGeneratorPenalty((fake, real) -> Mmd.unbiasedSquared(fake, real, bandwidths));
        }
        MomentMatching mm = recipe.isGan() ? null
                : new MomentMatching(gan.generator(), recipe.latentDim(), recipe.mmd(), new Generator(seed + 2));
        int k = recipe.isGan() ? recipe.gan().discriminatorSteps() : 1;
        List<Score> history = new ArrayList<>();
        for (int step = 0; step <= recipe.generatorSteps(); step++) {
            if (step % scoreEvery == 0 || step == recipe.generatorSteps()) {
                Tensor samples = gan.sample(fixedNoise);
                Score score = new Score(step, ModeCoverage.of(mixture, samples));
                history.add(score);
                onScore.accept(score, samples);
            }
            if (step == recipe.generatorSteps()) {
                break;
            }
            // As in chapter 5, the learning rates fall linearly to 0: the last steps only refine.
            double decay = 1.0 - (double) step / recipe.generatorSteps();
            if (gt != null) {
                gt.generatorOptimizer().setLr(recipe.gan().lr() * decay);
                gt.discriminatorOptimizer().setLr(recipe.gan().lr() * decay);
            } else {
                mm.optimizer().setLr(recipe.mmd().lr() * decay);
            }
            for (int i = 0; i < k; i++) {
                Tensor real = mixture.sample(data, recipe.batchSize());
                if (gt != null) {
                    gt.step(real);
                } else {
                    mm.step(real);
                }
            }
        }
        return new Result(recipe, mixture, seed, history, (System.nanoTime() - start) / 1e9);
    }
}
