/**
 * Evaluating a GAN without downloaded weights: every distribution metric takes the features of
 * any {@link dev.jgan.gan.metrics.FeatureExtractor} (raw {@link dev.jgan.gan.metrics.PixelFeatures},
 * a fixed {@link dev.jgan.gan.metrics.RandomProjectionFeatures}, or, by default in {@code gan eval},
 * {@link dev.jgan.gan.metrics.ClassifierFeatures}: the penultimate layer of our own CNN trained on the
 * same data set) and
 * is named after them: "Fréchet distance on pixels features", never FID.
 *
 * <ul>
 *   <li>{@link dev.jgan.gan.metrics.FrechetDistance}: Gaussians fitted to two feature sets, the
 *       matrix square root by a Jacobi eigendecomposition ({@link dev.jgan.gan.metrics.SymmetricEigen}).</li>
 *   <li>{@link dev.jgan.gan.metrics.KernelDistance}: KID's unbiased MMD^2 with the cubic kernel,
 *       mean and spread over subsets.</li>
 *   <li>{@link dev.jgan.gan.metrics.PrecisionRecall}: improved precision and recall, k = 3.</li>
 *   <li>{@link dev.jgan.gan.metrics.ParzenWindow}: the 2014 paper's log-likelihood estimate, kept
 *       for comparison and documented with its flaws.</li>
 *   <li>{@link dev.jgan.gan.metrics.NearestNeighbours}: samples beside their closest training
 *       images, the 2014 paper's memorization check.</li>
 *   <li>{@link dev.jgan.gan.metrics.MetricScorer}: all of them for any number of image sets
 *       against one reference, whose features are computed once (chapter 10 scores a dozen sets).</li>
 *   <li>{@link dev.jgan.gan.metrics.RealImages}: the reference, the floor's real images (test
 *       images where the data set has a test split, held-out training images where not) and
 *       the training images searched for nearest neighbours.</li>
 *   <li>{@link dev.jgan.gan.metrics.MetricReport}: all of them for those real images (the
 *       floor), an untrained generator (the ceiling) and the model, as a table and as JSON.</li>
 * </ul>
 */
package dev.jgan.gan.metrics;
