package dev.jgan.nn.classify;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.nn.data.Batch;
import dev.jgan.nn.data.DataLoader;
import dev.jgan.nn.data.Dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * A trained classifier seen as a map from images to feature vectors: the activations of its
 * penultimate layer. GAN metrics (Fréchet distance, KID) compare the distributions of these
 * vectors for real and generated images; a classifier's features say more about what a picture
 * shows than its pixels do.
 *
 * <p>Images go through in batches, in eval mode, without recording a graph; the classifier is
 * left in eval mode. Images must be scaled as in training: [0, 1] for {@link Architecture}.
 */
public final class PenultimateFeatures {
    /** Batches of this many images bound the memory of one forward pass. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    private final Classifier classifier;
    private final int batchSize;

    public PenultimateFeatures(Classifier classifier) {
        this(classifier, DEFAULT_BATCH_SIZE);
    }

    public PenultimateFeatures(Classifier classifier, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("PenultimateFeatures: batch size must be positive, got " + batchSize);
        }
        this.classifier = classifier;
        this.batchSize = batchSize;
        classifier.eval();
    }

    /** The features [N, featureSize()] of images [N, ...imageShape] (float32, on the images' device). */
    public Tensor features(Tensor images) {
        if (images.dim() == 0 || images.size(0) == 0) {
            throw new IllegalArgumentException("PenultimateFeatures: no images in a tensor of shape "
                    + Shape.format(images.shape()));
        }
        int n = images.size(0);
        List<Tensor> parts = new ArrayList<>();
        try (GradMode.Scope scope = GradMode.noGrad()) {
            for (int start = 0; start < n; start += batchSize) {
                parts.add(classifier.features(images.narrow(0, start, Math.min(batchSize, n - start))));
            }
        }
        return parts.size() == 1 ? parts.get(0) : Tensor.concat(parts, 0);
    }

    /** The features [N, featureSize()] of every image of {@code data}, in order. */
    public Tensor features(Dataset data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("PenultimateFeatures: the data set is empty");
        }
        List<Tensor> parts = new ArrayList<>();
        try (GradMode.Scope scope = GradMode.noGrad()) {
            for (Batch batch : DataLoader.builder(data).batchSize(batchSize).build().epoch(0)) {
                parts.add(classifier.features(batch.images()));
            }
        }
        return parts.size() == 1 ? parts.get(0) : Tensor.concat(parts, 0);
    }

    /** The length of one feature vector. */
    public int featureSize() {
        return classifier.featureSize();
    }

    public Classifier classifier() {
        return classifier;
    }
}
