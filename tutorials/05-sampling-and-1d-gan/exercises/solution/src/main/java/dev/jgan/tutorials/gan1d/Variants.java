package dev.jgan.tutorials.gan1d;

import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.toy1d.Training1d;
import dev.jgan.gan.train.GanLoss;
import dev.jgan.gan.train.GanTrainer;

/**
 * Exercise 5, solved: section 4's training with another k (discriminator steps per generator
 * step) and another ratio of learning rates, and the Jensen-Shannon divergence that scores where
 * G ended up.
 */
final class Variants {
    private Variants() {
    }

    /**
     * The chapter's training ({@link Setup#training}: non-saturating loss, Adam with betas
     * (0.5, 0.999), the setup's batch size and learning rate, the same data and noise streams)
     * but with {@code k} D steps per G step and D's learning rate {@code discriminatorLrRatio}
     * times G's.
     */
    static Training1d training(Setup setup, Gan gan, int k, double discriminatorLrRatio, int steps) {
        GanTrainer.Options options = new GanTrainer.Options(GanLoss.NON_SATURATING, k, setup.lr(), 0.5, 0.999);
        return new Training1d(gan, setup.data(),
                new Training1d.Options(options, setup.batchSize(), steps, discriminatorLrRatio),
                new Generator(setup.seed() + 2), new Generator(setup.seed() + 3));
    }

    /**
     * JSD(p || q) = KL(p || m) / 2 + KL(q || m) / 2 with m = (p + q) / 2, in nats, for two
     * densities sampled at the points {@code xs}, integrated by the trapezoid rule. A term
     * p log(p / m) with p = 0 counts 0.
     */
    static double jensenShannon(double[] xs, double[] p, double[] q) {
        double[] integrand = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double m = (p[i] + q[i]) / 2;
            integrand[i] = 0.5 * (p[i] > 0 ? p[i] * Math.log(p[i] / m) : 0)
                    + 0.5 * (q[i] > 0 ? q[i] * Math.log(q[i] / m) : 0);
        }
        double sum = 0;
        for (int i = 1; i < xs.length; i++) {
            sum += (integrand[i - 1] + integrand[i]) / 2 * (xs[i] - xs[i - 1]);
        }
        return sum;
    }
}
