package dev.jgan.tutorials.gan1d;

import dev.jgan.gan.models.Gan;
import dev.jgan.gan.toy1d.Training1d;

/**
 * Exercise 5 (README, "Exercises"): section 4's training with another k (discriminator steps
 * per generator step) and another ratio of learning rates, and the Jensen-Shannon divergence
 * that scores where G ended up.
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
        // TODO exercise 5: build the GanTrainer.Options and Training1d.Options as Setup.training does.
        throw new UnsupportedOperationException("exercise 5: Variants.training is not written yet");
    }

    /**
     * JSD(p || q) = KL(p || m) / 2 + KL(q || m) / 2 with m = (p + q) / 2, in nats, for two
     * densities sampled at the points {@code xs}, integrated by the trapezoid rule. A term
     * p log(p / m) with p = 0 counts 0.
     */
    static double jensenShannon(double[] xs, double[] p, double[] q) {
        // TODO exercise 5: the integrand at every point, then the trapezoids between neighbours.
        throw new UnsupportedOperationException("exercise 5: Variants.jensenShannon is not written yet");
    }
}
