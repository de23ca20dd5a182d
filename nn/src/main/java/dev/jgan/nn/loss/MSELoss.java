package dev.jgan.nn.loss;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Losses;
import dev.jgan.core.ops.Losses.Reduction;

/** Squared error (input - target)^2, averaged by default; the least-squares GAN's loss. */
public final class MSELoss implements Loss {
    private final Reduction reduction;

    public MSELoss() {
        this(Reduction.MEAN);
    }

    public MSELoss(Reduction reduction) {
        this.reduction = reduction;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return Losses.mse(input, target, reduction);
    }
}
