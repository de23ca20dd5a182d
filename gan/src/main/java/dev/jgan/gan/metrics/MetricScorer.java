package dev.jgan.gan.metrics;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

import java.util.Arrays;

/**
 * Scores image sets against one fixed set of reference images with every metric of a
 * {@link MetricReport}: the Fréchet distance, the kernel distance and precision/recall on the
 * {@code extractor}'s features; the Parzen log-likelihood and the distance to the nearest
 * reference image on pixels, where the 2014 paper put them. The reference's features, its
 * Gaussian and its Parzen validation and test halves are computed once, so that scoring many
 * candidate sets (a floor, a ceiling, checkpoints, chapter 10's controlled cases) costs one
 * feature pass per set.
 */
public final class MetricScorer {
    private final FeatureExtractor extractor;
    private final Tensor reference;
    private final FeatureMatrix referenceFeatures;
    private final FrechetDistance frechet;
    private final FeatureMatrix validation;
    private final FeatureMatrix test;
    private final int kernelSubsetSize;
    private final long seed;

    /**
     * @param reference images [n, C, H, W] in [-1, 1]; the kernel distance uses subsets of
     *                  min(1000, n / 2), so that its subsets differ and their spread means something
     * @param seed      seed of the kernel distance's subsets
     */
    public MetricScorer(FeatureExtractor extractor, Tensor reference, long seed) {
        int n = reference.size(0);
        if (n < 2 * (PrecisionRecall.DEFAULT_K + 1)) {
            throw new IllegalArgumentException("metric scorer: " + n + " reference images are too few; precision/recall"
                    + " with k = " + PrecisionRecall.DEFAULT_K + " and the Parzen halves need at least "
                    + 2 * (PrecisionRecall.DEFAULT_K + 1));
        }
        this.extractor = extractor;
        this.reference = reference;
        this.referenceFeatures = FeatureMatrix.of(extractor.features(reference));
        this.frechet = FrechetDistance.to(Gaussian.fit(referenceFeatures));
        FeatureMatrix pixels = FeatureMatrix.of(new PixelFeatures().features(reference));
        this.validation = pixels.rowRange(0, n / 2);
        this.test = pixels.rowRange(n / 2, n);
        this.kernelSubsetSize = Math.min(KernelDistance.DEFAULT_SUBSET_SIZE, n / 2);
        this.seed = seed;
    }

    /** Every metric of {@code images}, which must have the reference's shape [n, C, H, W]. */
    public MetricReport.Scores score(Tensor images) {
        if (!Arrays.equals(images.shape(), reference.shape())) {
            throw new IllegalArgumentException("metric scorer: candidate images " + Shape.format(images.shape())
                    + " must match the reference images " + Shape.format(reference.shape()));
        }
        FeatureMatrix features = FeatureMatrix.of(extractor.features(images));
        FeatureMatrix pixels = FeatureMatrix.of(new PixelFeatures().features(images));
        KernelDistance kd = KernelDistance.estimate(features, referenceFeatures, KernelDistance.DEFAULT_SUBSETS,
                kernelSubsetSize, seed);
        PrecisionRecall pr = PrecisionRecall.of(referenceFeatures, features);
        ParzenWindow.Estimate parzen = ParzenWindow.estimate(pixels, validation, test, ParzenWindow.defaultSigmas());
        return new MetricReport.Scores(frechet.distance(Gaussian.fit(features)), kd.mean(), kd.std(), pr.precision(),
                pr.recall(), parzen.meanLogLikelihood(), parzen.standardError(), parzen.sigma(), parzen.atGridEdge(),
                NearestNeighbours.find(images, reference, 1).meanNearestDistance());
    }

    public String featuresName() {
        return extractor.name();
    }

    public int n() {
        return reference.size(0);
    }

    public int kernelSubsetSize() {
        return kernelSubsetSize;
    }
}
