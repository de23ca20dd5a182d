package dev.jgan.nn;

import dev.jgan.core.Tensor;

/**
 * A layer that multiplies its input by a learned weight and may add a bias: Linear, and the
 * convolutions. Initializers such as {@link dev.jgan.nn.init.Init#dcgan} recognize layers by
 * this interface rather than by class name.
 */
public interface WeightedLayer {
    Tensor weight();

    /** The bias, or null when the layer was built without one. */
    Tensor bias();
}
