package dev.jgan.gan.metrics;

import dev.jgan.core.Tensor;

/**
 * Maps images to the feature vectors that the distribution metrics compare. FID proper uses
 * the pool3 features of an ImageNet Inception network; we download no weights, so every metric
 * here states which extractor it ran on ({@link #name()}), and numbers on different extractors
 * are not comparable with each other nor with published FIDs.
 */
public interface FeatureExtractor {

    /** Features [N, F] (float32 or float64) of images [N, C, H, W] with values in [-1, 1]. */
    Tensor features(Tensor images);

    /** What the features are, for tables and JSON: e.g. "pixels". */
    String name();
}
