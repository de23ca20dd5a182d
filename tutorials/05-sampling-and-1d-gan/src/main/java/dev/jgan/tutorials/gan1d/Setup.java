package dev.jgan.tutorials.gan1d;

import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.toy1d.FittedGaussian;
import dev.jgan.gan.toy1d.Gan1d;
import dev.jgan.gan.toy1d.Gaussian1d;
import dev.jgan.gan.toy1d.Training1d;
import dev.jgan.gan.train.GanLoss;
import dev.jgan.gan.train.GanTrainer;

/**
 * Everything the chapter's experiments share: the data, the size of the networks and how they
 * are trained. One place, so that sections 3 and 4 train the same GAN.
 */
record Setup(Gaussian1d data, FittedGaussian dataScale, int latentDim, int width, int depth, int batchSize,
             double lr, double discriminatorLrRatio, long seed) {

    static final double MU = 4.0;
    static final double SIGMA = 1.25;

    static Setup standard(long seed) {
        Gaussian1d data = new Gaussian1d(MU, SIGMA);
        // What a data pipeline does: estimate the data's centre and spread from a sample of it.
        FittedGaussian scale = FittedGaussian.of(data.sample(new Generator(seed + 1), 10_000));
        return new Setup(data, scale, 4, 32, 2, 64, 1e-3, 4.0, seed);
    }

    /** A fresh GAN; the same weights every time for the same seed. */
    Gan newGan() {
        return Gan1d.build(latentDim, width, depth, dataScale, new Generator(seed));
    }

    /** A second GAN with the weights of {@code gan}, to try two things from one starting point. */
    Gan copyOf(Gan gan) {
        Gan copy = newGan();
        copy.generator().loadStateDict(gan.generator().stateDict(), true);
        copy.discriminator().loadStateDict(gan.discriminator().stateDict(), true);
        return copy;
    }

    /** Adam with betas (0.5, 0.999), k = 1, the given generator loss, learning rates falling to 0 over {@code steps}. */
    Training1d training(Gan gan, GanLoss loss, int steps) {
        GanTrainer.Options options = new GanTrainer.Options(loss, 1, lr, 0.5, 0.999);
        return new Training1d(gan, data, new Training1d.Options(options, batchSize, steps, discriminatorLrRatio),
                new Generator(seed + 2), new Generator(seed + 3));
    }
}
