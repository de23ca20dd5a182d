package dev.jgan.nn.loss;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Losses;
import dev.jgan.core.ops.Losses.Reduction;

/** Binary cross-entropy of probabilities (after a sigmoid) against targets in [0, 1]. */
public final class BCELoss implements Loss {
    private final Reduction reduction;

    public BCELoss() {
        this(Reduction.MEAN);
    }

    public BCELoss(Reduction reduction) {
        this.reduction = reduction;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Losses.binaryCrossEntropy(input, target, reduction);
    }
}
