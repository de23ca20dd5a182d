package dev.jgan.nn.loss;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Losses;
import dev.jgan.core.ops.Losses.Reduction;

/**
 * Binary cross-entropy on logits: the sigmoid and the log fused, so that confident wrong
 * predictions give a finite loss and a useful gradient. Prefer it to Sigmoid + BCELoss.
 */
public final class BCEWithLogitsLoss implements Loss {
    private final Reduction reduction;

    public BCEWithLogitsLoss() {
        this(Reduction.MEAN);
    }

    public BCEWithLogitsLoss(Reduction reduction) {
        this.reduction = reduction;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Losses.binaryCrossEntropyWithLogits(input, target, reduction);
    }
}
