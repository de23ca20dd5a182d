package dev.jgan.gan.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Every metric for three candidate sets against the same reference images, so that a model's
 * number can be read between what is achievable and what is trivial:
 * <ul>
 *   <li>{@code floor}: held-out real images, the best any generator can hope for at this n;</li>
 *   <li>{@code ceiling}: an untrained generator's samples, what training must improve on;</li>
 *   <li>{@code model}: the generator under evaluation.</li>
 * </ul>
 * The Fréchet distance, kernel distance and precision/recall run on the {@code features}; the
 * Parzen log-likelihood and nearest-image distances run on pixels, where the 2014 paper put them.
 *
 * @param data       the data set's name
 * @param features   the feature extractor's name
 * @param samples    images per set (reference, held-out and each generator)
 * @param kernelSubsetSize samples per subset of the kernel distance
 */
public record MetricReport(String data, String features, int samples, int kernelSubsets, int kernelSubsetSize,
                           int precisionRecallK, Scores floor, Scores ceiling, Scores model) {

    /**
     * @param frechetDistance       Fréchet distance (squared, as FID reports it) to the reference
     * @param kernelDistance        unbiased MMD^2 with the cubic kernel (KID's estimator), subset mean
     * @param kernelDistanceStd     its standard deviation over subsets
     * @param precision             share of candidates inside the reference manifold
     * @param recall                share of reference images inside the candidates' manifold
     * @param parzenLogLikelihood   mean log p of reference test images under a Parzen window on the candidates
     * @param parzenStandardError   its standard error
     * @param parzenSigma           the kernel width chosen on the reference validation half
     * @param parzenSigmaAtGridEdge whether that width was at the edge of the grid tried
     * @param nearestReferenceDistance mean pixel L2 from a candidate to its nearest reference image
     */
    public record Scores(double frechetDistance, double kernelDistance, double kernelDistanceStd, double precision,
                         double recall, double parzenLogLikelihood, double parzenStandardError, double parzenSigma,
                         boolean parzenSigmaAtGridEdge, double nearestReferenceDistance) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Scores held-out images, untrained samples and model samples (each [n, C, H, W] in [-1, 1],
     * n = the reference's size) against {@code real.reference()}. The kernel distance uses
     * subsets of min(1000, n / 2), so that its subsets differ and their spread means something.
     */
    public static MetricReport compute(String data, FeatureExtractor extractor, RealImages real, Tensor untrained,
                                       Tensor model, long seed) {
        int n = real.n();
        for (Tensor t : new Tensor[]{untrained, model}) {
            if (!Arrays.equals(t.shape(), real.reference().shape())) {
                throw new IllegalArgumentException("metric report: generated samples " + Shape.format(t.shape())
                        + " must match the reference images " + Shape.format(real.reference().shape()));
            }
        }
        Candidates reference = new Candidates(extractor, real.reference());
        FrechetDistance frechet = FrechetDistance.to(Gaussian.fit(reference.features));
        FeatureMatrix validation = reference.pixels.rowRange(0, n / 2);
        FeatureMatrix test = reference.pixels.rowRange(n / 2, n);
        int subsetSize = Math.min(KernelDistance.DEFAULT_SUBSET_SIZE, n / 2);
        Scorer scorer = c -> {
            KernelDistance kd = KernelDistance.estimate(c.features, reference.features, KernelDistance.DEFAULT_SUBSETS,
                    subsetSize, seed);
            PrecisionRecall pr = PrecisionRecall.of(reference.features, c.features);
            ParzenWindow.Estimate parzen = ParzenWindow.estimate(c.pixels, validation, test, ParzenWindow.defaultSigmas());
            return new Scores(frechet.distance(Gaussian.fit(c.features)), kd.mean(), kd.std(), pr.precision(),
                    pr.recall(), parzen.meanLogLikelihood(), parzen.standardError(), parzen.sigma(), parzen.atGridEdge(),
                    NearestNeighbours.find(c.images, real.reference(), 1).meanNearestDistance());
        };
        return new MetricReport(data, extractor.name(), n, KernelDistance.DEFAULT_SUBSETS, subsetSize,
                PrecisionRecall.DEFAULT_K, scorer.score(new Candidates(extractor, real.heldOut())),
                scorer.score(new Candidates(extractor, untrained)), scorer.score(new Candidates(extractor, model)));
    }

    /** One image set with its features and its pixels as matrices. */
    private static final class Candidates {
        final Tensor images;
        final FeatureMatrix features;
        final FeatureMatrix pixels;

        Candidates(FeatureExtractor extractor, Tensor images) {
            this.images = images;
            this.features = FeatureMatrix.of(extractor.features(images));
            this.pixels = FeatureMatrix.of(new PixelFeatures().features(images));
        }
    }

    private interface Scorer {
        Scores score(Candidates candidates);
    }

    public void writeJson(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        JSON.writeValue(file.toFile(), this);
    }

    public static MetricReport readJson(Path file) throws IOException {
        return JSON.readValue(file.toFile(), MetricReport.class);
    }

    /** The report as a text table: one row per metric, columns floor, model, ceiling. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, %d images per set; the first four metrics run on %s features"
                + " (not Inception's: these are not FID or KID)%n", data, samples, features));
        sb.append(String.format(Locale.ROOT, "%-44s %18s %18s %18s%n", "", "floor (real)", "model", "ceiling (untrained)"));
        row(sb, "Fréchet distance (lower)", s -> fixed(s.frechetDistance()));
        row(sb, "kernel distance, KID estimator (lower)", s -> fixed(s.kernelDistance()) + " ± " + fixed(s.kernelDistanceStd()));
        row(sb, "precision, k = " + precisionRecallK + " (higher)", s -> fixed(s.precision()));
        row(sb, "recall, k = " + precisionRecallK + " (higher)", s -> fixed(s.recall()));
        row(sb, "Parzen log-likelihood, nats (see notes)", s -> fixed(s.parzenLogLikelihood()) + " ± "
                + fixed(s.parzenStandardError()));
        row(sb, "  Parzen sigma", s -> fixed(s.parzenSigma()) + (s.parzenSigmaAtGridEdge() ? " (edge)" : ""));
        row(sb, "pixel L2 to nearest reference image", s -> fixed(s.nearestReferenceDistance()));
        sb.append(String.format(Locale.ROOT, "kernel distance: %d subsets of %d; Parzen: pixels in [-1, 1], high variance,"
                + " rewards memorization (Theis et al. 2016)%n", kernelSubsets, kernelSubsetSize));
        return sb.toString();
    }

    private void row(StringBuilder sb, String name, java.util.function.Function<Scores, String> cell) {
        sb.append(String.format(Locale.ROOT, "%-44s %18s %18s %18s%n", name, cell.apply(floor), cell.apply(model),
                cell.apply(ceiling)));
    }

    /** Four significant digits, so that numbers of every scale line up readably. */
    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
