package dev.jgan.gan.train;

/**
 * What one training step measured. {@code dReal} and {@code dFake} are the discriminator's mean
 * probabilities D(x) and D(G(z)) on the step's batches: at the game's equilibrium both are 1/2.
 *
 * @param step           the step's index, counted from 0 over the whole run
 * @param discriminatorLoss BCE of D on real (label 1) plus fake (label 0)
 * @param generatorLoss  the generator's objective, or NaN on steps where G was not updated
 */
public record StepResult(long step, double discriminatorLoss, double generatorLoss, double dReal, double dFake) {
    /** Whether G was updated at this step (with k D steps per G step, only every k-th). */
    public boolean generatorStepped() {
        return !Double.isNaN(generatorLoss);
    }
}
