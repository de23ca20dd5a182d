package dev.jgan.gan.train;

import dev.jgan.core.Tensor;

/**
 * The two generator objectives of Goodfellow et al. (2014), both computed from the
 * discriminator's logits l (D = sigmoid(l)) with the stable binary cross-entropy.
 *
 * <p>The game is V(D, G) = E[log D(x)] + E[log(1 - D(G(z)))]. D maximizes V, which is the same
 * as minimizing the cross-entropy of "real = 1, fake = 0". G minimizes V; only the second term
 * depends on G:
 * <ul>
 * <li>{@link #MINIMAX}: G minimizes E[log(1 - D(G(z)))] = -BCE(l, 0). Early in training D
 * rejects fakes confidently, D(G(z)) is near 0, and this term is flat there: its gradient with
 * respect to l is -sigmoid(l), nearly 0. G learns slowly exactly when it is worst.</li>
 * <li>{@link #NON_SATURATING}: G maximizes E[log D(G(z))] instead, i.e. minimizes BCE(l, 1).
 * Same fixed point, but the gradient 1 - sigmoid(l) is near 1 when D(G(z)) is near 0.</li>
 * </ul>
 */
public enum GanLoss {
    MINIMAX,
    NON_SATURATING;

    /** The discriminator's loss: BCE of real logits against 1 plus fake logits against 0. */
    public static Tensor discriminatorLoss(Tensor realLogits, Tensor fakeLogits) {
        return discriminatorLoss(realLogits, fakeLogits, 1.0);
    }

    /**
     * The discriminator's loss with real images labelled {@code realLabel} instead of 1: one-sided
     * label smoothing (Salimans et al. 2016) at 0.9. D's optimum is then D(x) = 0.9 p_data /
     * (p_data + p_g) instead of pushing real logits to infinity, so D cannot grow arbitrarily
     * confident and G's gradients stay informative. Fakes stay at 0: smoothing them too would
     * reward G for samples where p_data is 0.
     */
    public static Tensor discriminatorLoss(Tensor realLogits, Tensor fakeLogits, double realLabel) {
        requireRealLabel(realLabel);
        Tensor labels = Tensor.full(realLogits.backend(), realLogits.dtype(), realLabel, realLogits.shape());
        Tensor real = realLogits.binaryCrossEntropyWithLogits(labels);
        Tensor fake = fakeLogits.binaryCrossEntropyWithLogits(Tensor.zerosLike(fakeLogits));
        return real.add(fake);
    }

    /** Refuses a label for real images outside (0.5, 1]: at 0.5 or below D would call real images fake. */
    static void requireRealLabel(double realLabel) {
        if (!(realLabel > 0.5 && realLabel <= 1)) {
            throw new IllegalArgumentException("discriminator loss: the real label must be in (0.5, 1], got " + realLabel);
        }
    }

    /** The generator's loss on the discriminator's logits for generated samples. */
    public Tensor generatorLoss(Tensor fakeLogits) {
        return switch (this) {
            case MINIMAX -> fakeLogits.binaryCrossEntropyWithLogits(Tensor.zerosLike(fakeLogits)).neg();
            case NON_SATURATING -> fakeLogits.binaryCrossEntropyWithLogits(Tensor.onesLike(fakeLogits));
        };
    }

    /** The name the command line and a run's config.json use: "minimax" or "non-saturating". */
    public String flag() {
        return this == MINIMAX ? "minimax" : "non-saturating";
    }

    /** Parses "minimax" or "non-saturating" (as the command line spells them). */
    public static GanLoss parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
            case "minimax" -> MINIMAX;
            case "non-saturating", "nonsaturating", "ns" -> NON_SATURATING;
            default -> throw new IllegalArgumentException("unknown GAN loss '" + text
                    + "'; expected minimax or non-saturating");
        };
    }
}
