package dev.jgan.nn.loss;

import dev.jgan.core.Tensor;

/**
 * A loss criterion, as PyTorch's loss modules: {@code loss.forward(prediction, target)}. Not a
 * {@link dev.jgan.nn.Module}, whose forward takes one tensor; losses have no parameters, so
 * they need nothing else a module offers.
 */
public interface Loss {
    Tensor forward(Tensor input, Tensor target);
}
