package dev.jgan.gan.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jgan.core.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Every metric for three candidate sets against the same reference images, so that a model's
 * number can be read between what is achievable and what is trivial:
 * <ul>
 *   <li>{@code floor}: real images outside the reference, the data set's test images where it has
 *       a test split and other training images where not ({@code floorSource} says which): the
 *       best any generator can hope for at this n;</li>
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
 * @param floorSource where the floor's real images come from ("test" or "held-out training" in JSON)
 * @param classes    the classes a classifier predicts for the model's samples, where the data set has
 *                   a classifier ({@link ClassifierFeatures#classHistogram}); null where not
 * @param askedClasses for a class-conditional model, how often the classifier sees the class each of
 *                   those samples was asked for ({@link ClassAgreement}); null for an unconditional one
 */
public record MetricReport(String data, String features, int samples, int kernelSubsets, int kernelSubsetSize,
                           int precisionRecallK, RealImages.FloorSource floorSource, Scores floor, Scores ceiling,
                           Scores model, ClassHistogram classes, ClassAgreement askedClasses) {

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
     * n = the reference's size) against {@code real.reference()} with a {@link MetricScorer}.
     */
    public static MetricReport compute(String data, FeatureExtractor extractor, RealImages real, Tensor untrained,
                                       Tensor model, long seed) {
        MetricScorer scorer = new MetricScorer(extractor, real.reference(), seed);
        return new MetricReport(data, scorer.featuresName(), scorer.n(), KernelDistance.DEFAULT_SUBSETS,
                scorer.kernelSubsetSize(), PrecisionRecall.DEFAULT_K, real.floorSource(), scorer.score(real.heldOut()),
                scorer.score(untrained), scorer.score(model), null, null);
    }

    /** This report with the model's class histogram added. */
    public MetricReport withClasses(ClassHistogram histogram) {
        return new MetricReport(data, features, samples, kernelSubsets, kernelSubsetSize, precisionRecallK, floorSource,
                floor, ceiling, model, histogram, askedClasses);
    }

    /** This report with a conditional model's class agreement added. */
    public MetricReport withAskedClasses(ClassAgreement agreement) {
        return new MetricReport(data, features, samples, kernelSubsets, kernelSubsetSize, precisionRecallK, floorSource,
                floor, ceiling, model, classes, agreement);
    }

    public void writeJson(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        JSON.writeValue(file.toFile(), this);
    }

    public static MetricReport readJson(Path file) throws IOException {
        return JSON.readValue(file.toFile(), MetricReport.class);
    }

    /** The report as a text table: one row per metric, columns floor, model, ceiling; notes below. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, %d images per set; the first four metrics run on %s features"
                + " (not Inception's: these are not FID or KID)%n", data, samples, features));
        String floorHeading = floorSource == RealImages.FloorSource.TEST ? "floor (real test)" : "floor (held-out)";
        sb.append(String.format(Locale.ROOT, "%-44s %18s %18s %18s%n", "", floorHeading, "model", "ceiling (untrained)"));
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
        sb.append(switch (floorSource) {
            case TEST -> String.format(Locale.ROOT, "floor: %d test images of '%s' against the %d reference training"
                    + " images%n", samples, data, samples);
            case HELD_OUT_TRAINING -> String.format(Locale.ROOT, "floor: %d held-out training images against the %d"
                    + " reference training images, as '%s' has no test split; a generator that copies its training set"
                    + " can match it%n", samples, samples, data);
        });
        if (classes != null) {
            sb.append(classes.table());
        }
        if (askedClasses != null) {
            sb.append(askedClasses.table());
        }
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
