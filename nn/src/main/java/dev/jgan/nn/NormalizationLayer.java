package dev.jgan.nn;

import dev.jgan.core.Tensor;

/**
 * A normalization layer (BatchNorm) with a learned per-channel scale ({@link #weight()}) and
 * shift ({@link #bias()}). Initializers treat the scale differently from a weight that
 * multiplies inputs: DCGAN draws it around 1, not 0.
 */
public interface NormalizationLayer {
    /** The scale, or null when the layer has no affine parameters. */
    Tensor weight();

    /** The shift, or null when the layer has no affine parameters. */
    Tensor bias();
}
