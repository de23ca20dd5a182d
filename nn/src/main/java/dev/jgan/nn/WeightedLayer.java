package dev.jgan.nn;

import dev.jgan.core.Shape;
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

    /**
     * The layer's output with {@code weight} (of the weight's shape) in place of its own: what a
     * reparametrization such as {@link SpectralNorm} computes with, so that gradients flow through
     * it into the layer's own weight.
     */
    Tensor forwardWith(Tensor input, Tensor weight);

    /** Refuses a {@code given} weight for {@link #forwardWith} whose shape is not the layer's {@code own}. */
    static void requireWeightShape(String layer, Tensor own, Tensor given) {
        if (!java.util.Arrays.equals(given.shape(), own.shape())) {
            throw new IllegalArgumentException(layer + ".forwardWith: weight of shape " + Shape.format(given.shape())
                    + " must have the layer's weight shape " + Shape.format(own.shape()));
        }
    }
}
