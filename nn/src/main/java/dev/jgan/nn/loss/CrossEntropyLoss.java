package dev.jgan.nn.loss;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Losses.Reduction;

/**
 * Cross-entropy of class labels under logits (no softmax before it); see
 * {@link ClassificationLosses#crossEntropy} for shapes and labels.
 */
public final class CrossEntropyLoss implements Loss {
    private final Reduction reduction;

    public CrossEntropyLoss() {
        this(Reduction.MEAN);
    }

    public CrossEntropyLoss(Reduction reduction) {
        this.reduction = reduction;
    }

    /** {@code target} holds class indices as whole numbers. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return ClassificationLosses.crossEntropy(input, target, reduction);
    }

    public Tensor forward(Tensor input, int[] labels) {
        return ClassificationLosses.crossEntropy(input, labels, reduction);
    }
}
