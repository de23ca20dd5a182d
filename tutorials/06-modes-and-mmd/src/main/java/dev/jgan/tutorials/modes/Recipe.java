package dev.jgan.tutorials.modes;

import dev.jgan.gan.mmd.MomentMatching;
import dev.jgan.gan.train.GanLoss;
import dev.jgan.gan.train.GanTrainer;

import java.util.Locale;

/**
 * One way to train a generator on a 2-D mixture: either a GAN (loss, k discriminator steps per
 * generator step, Adam's learning rate and betas) or a moment-matching network (kernel
 * bandwidths instead of a discriminator), with the batch size, the number of generator steps and
 * the networks' size. The chapter's table has one row per recipe.
 *
 * @param gan  the GAN's options, or null for moment matching alone
 * @param mmd  moment matching's options, or null for a GAN alone; with both, G's loss is the
 *             GAN's plus the MMD^2 between its batch and the real one
 * @param pack samples the discriminator judges together (PacGAN; 1 for the plain discriminator)
 */
record Recipe(String name, GanTrainer.Options gan, MomentMatching.Options mmd, int batchSize, int generatorSteps,
              int width, int depth, int latentDim, int pack) {

    Recipe {
        if (gan == null && mmd == null) {
            throw new IllegalArgumentException("Recipe " + name + ": give the GAN's options, MMD's or both");
        }
        if (pack < 1 || batchSize % pack != 0) {
            throw new IllegalArgumentException("Recipe " + name + ": the batch " + batchSize
                    + " must be a multiple of the pack size " + pack);
        }
    }

    static Recipe gan(String name, GanLoss loss, int k, double lr, double beta1, int batchSize, int generatorSteps) {
        return new Recipe(name, new GanTrainer.Options(loss, k, lr, beta1, 0.999), null, batchSize, generatorSteps,
                64, 2, 2, 1);
    }

    static Recipe mmd(String name, double[] bandwidths, double lr, int batchSize, int generatorSteps) {
        return new Recipe(name, null, new MomentMatching.Options(bandwidths, lr, 0.5, 0.999), batchSize,
                generatorSteps, 64, 2, 2, 1);
    }

    Recipe withSteps(int steps) {
        return new Recipe(name, gan, mmd, batchSize, steps, width, depth, latentDim, pack);
    }

    Recipe withSize(int width, int depth, int latentDim) {
        return new Recipe(name, gan, mmd, batchSize, generatorSteps, width, depth, latentDim, pack);
    }

    Recipe withPack(int pack) {
        return new Recipe(name, gan, mmd, batchSize, generatorSteps, width, depth, latentDim, pack);
    }

    boolean isGan() {
        return gan != null;
    }

    /** A GAN whose generator also minimizes MMD^2 to the real batch (same bandwidths, weight 1). */
    Recipe withMmdPenalty(double[] bandwidths) {
        return new Recipe(name, gan, new MomentMatching.Options(bandwidths, gan.lr(), gan.beta1(), gan.beta2()),
                batchSize, generatorSteps, width, depth, latentDim, pack);
    }

    /** What the recipe changes, in a few words for the table. */
    String describe() {
        if (isGan()) {
            return String.format(Locale.ROOT, "GAN %s, k=%d, lr %.0e, beta1 %.1f, batch %d%s%s",
                    gan.loss() == GanLoss.MINIMAX ? "minimax" : "non-sat.", gan.discriminatorSteps(), gan.lr(),
                    gan.beta1(), batchSize, pack > 1 ? ", pack " + pack : "", mmd != null ? " + MMD" : "");
        }
        StringBuilder s = new StringBuilder("MMD, bandwidths");
        for (double b : mmd.bandwidths()) {
            s.append(String.format(Locale.ROOT, " %s", b));
        }
        return s.append(String.format(Locale.ROOT, ", lr %.0e, batch %d", mmd.lr(), batchSize)).toString();
    }
}
