package dev.jgan.nn.loss;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Losses.Reduction;

/**
 * Negative log-likelihood of class labels under log-probabilities (the output of logSoftmax);
 * see {@link ClassificationLosses#nllLoss} for shapes and labels.
 */
public final class NLLLoss implements Loss {
    private final Reduction reduction;

    public NLLLoss() {
        this(Reduction.MEAN);
    }

    public NLLLoss(Reduction reduction) {
        this.reduction = reduction;
    }

    /** {@code target} holds class indices as whole numbers. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return ClassificationLosses.nllLoss(input, target, reduction);
    }

    public Tensor forward(Tensor input, int[] labels) {
        return ClassificationLosses.nllLoss(input, labels, reduction);
    }
}
