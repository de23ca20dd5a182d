package dev.jgan.gan.metrics;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

/**
 * The raw pixels as features: [N, C, H, W] flattened to [N, C*H*W]. No learned notion of what
 * makes two digits alike, so these metrics mostly see brightness and stroke position; but they
 * need nothing trained and are exact to reproduce.
 */
public final class PixelFeatures implements FeatureExtractor {

    @Override
    public Tensor features(Tensor images) {
        if (images.dim() != 4) {
            throw new IllegalArgumentException("pixel features: expects images [N, C, H, W], got "
                    + Shape.format(images.shape()));
        }
        return images.reshape(images.size(0), images.numel() / images.size(0));
    }

    @Override
    public String name() {
        return "pixels";
    }
}
