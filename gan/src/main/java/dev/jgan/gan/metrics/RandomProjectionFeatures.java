package dev.jgan.gan.metrics;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;

/**
 * A fixed random linear map of the pixels, x W / sqrt(F) with W [C*H*W, F] standard normal from a
 * seed. By the Johnson-Lindenstrauss lemma it keeps distances between images roughly as they are
 * in pixel space while bringing large images (3072 CIFAR values) down to F dimensions, where
 * covariances are cheaper and better estimated from a thousand samples.
 */
public final class RandomProjectionFeatures implements FeatureExtractor {
    private final Tensor weight;
    private final long seed;

    public RandomProjectionFeatures(int pixels, int dims, long seed) {
        if (pixels < 1 || dims < 1) {
            throw new IllegalArgumentException("random projection: pixels and dims must be >= 1, got " + pixels
                    + " and " + dims);
        }
        this.weight = Tensor.randn(new Generator(seed), pixels, dims).mul(1.0 / Math.sqrt(dims));
        this.seed = seed;
    }

    @Override
    public Tensor features(Tensor images) {
        if (images.dim() != 4 || images.numel() / Math.max(images.size(0), 1) != weight.size(0)) {
            throw new IllegalArgumentException("random projection: expects images [N, C, H, W] with " + weight.size(0)
                    + " values each, got " + Shape.format(images.shape()));
        }
        return images.reshape(images.size(0), weight.size(0)).to(weight.dtype()).matmul(weight);
    }

    @Override
    public String name() {
        return "random projection to " + weight.size(1) + " dims (seed " + seed + ")";
    }
}
