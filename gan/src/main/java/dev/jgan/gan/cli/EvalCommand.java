package dev.jgan.gan.cli;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.metrics.ClassAgreement;
import dev.jgan.gan.metrics.ClassHistogram;
import dev.jgan.gan.metrics.ClassifierFeatures;
import dev.jgan.gan.metrics.FeatureExtractor;
import dev.jgan.gan.metrics.MetricReport;
import dev.jgan.gan.metrics.NearestNeighbours;
import dev.jgan.gan.metrics.PixelFeatures;
import dev.jgan.gan.metrics.RandomProjectionFeatures;
import dev.jgan.gan.metrics.RealImages;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.run.DataChoice;
import dev.jgan.gan.run.RunCheckpoint;
import dev.jgan.gan.run.RunConfig;
import dev.jgan.gan.run.RunDirectory;
import dev.jgan.gan.run.RunReport;
import dev.jgan.gan.run.TrainingRun;
import dev.jgan.nn.data.TensorDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score a trained generator against its training data: Fréchet distance, kernel distance (KID's"
                + " estimator), precision/recall and Parzen log-likelihood, each beside a floor (real test images, or"
                + " held-out training images where the data set has no test split) and a ceiling (the untrained"
                + " generator); where the data set has a classifier, the classes it predicts for 1000 samples"
                + " (and for a class-conditional GAN, how often each is the class the sample was asked for);"
                + " writes JSON and a nearest-neighbour picture, and, written into the run's own directory, adds"
                + " them to its report.html.")
final class EvalCommand implements Callable<Integer> {
    /** The cap keeps the kernel distance's three n x n double matrices within a default heap (600 MB at 5000). */
    private static final int MAX_N = 5000;
    private static final int DEFAULT_N = 1000;
    private static final int RANDOM_PROJECTION_DIMS = 64;
    /** Above this many feature dimensions, the Jacobi eigendecompositions take minutes; say so before starting. */
    private static final int SLOW_FRECHET_DIMS = 1024;
    private static final int NEIGHBOUR_ROWS = 8;
    /** Samples the class histogram counts, whatever --n is: 1 % of them is 10 samples, a share that can be read. */
    static final int CLASS_HISTOGRAM_SAMPLES = 1000;
    private static final int NEIGHBOURS = 5;

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, description = "A checkpoint.safetensors written by gan train.")
    Path checkpoint;

    @Option(names = "--n", description = "Images per set (generated, reference, floor). Default: 1000, or fewer if"
            + " the test split (or, without one, half the training set) is smaller.")
    Integer n;

    @Option(names = "--features",
            description = "Features for the distribution metrics: classifier (the penultimate layer of the project's"
                    + " CNN trained on the same data set), pixels, or random (a fixed random projection to "
                    + RANDOM_PROJECTION_DIMS + " dims). Default: classifier where one exists (digits, fashion-mnist,"
                    + " mnist; any data with --classifier), pixels otherwise.")
    String features;

    @Option(names = "--classifier", paramLabel = "FILE",
            description = "Classifier weights (a .safetensors saved by chapter 4's program) for --features classifier,"
                    + " instead of the one shipped for the data set.")
    Path classifier;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the noise, the data split and the subsets."
            + " Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", description = "The JSON report; the nearest-neighbour picture goes beside it."
            + " Default: metrics.json in the checkpoint's directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path json = out != null ? out : checkpoint.toAbsolutePath().resolveSibling(RunDirectory.EVALUATION);
        Path picture = json.resolveSibling(RunDirectory.neighboursPictureName(json.getFileName().toString()));
        RunCheckpoint file = RunCheckpoint.read(checkpoint);
        RunConfig config = file.config();
        int[] imageShape = file.imageShape();
        DataChoice.Loaded loaded = DataChoice.load(config.data(), config.imageSize());
        TensorDataset data = loaded.images();
        if (!Arrays.equals(data.imageShape(), imageShape)) {
            throw new IllegalArgumentException("--checkpoint: trained on images " + Shape.format(imageShape) + " but data '"
                    + config.data() + "' now has " + Shape.format(data.imageShape()));
        }
        Optional<DataChoice.TestSplit> test = loaded.testSplit();
        int most = test.map(t -> Math.min(t.test().size(), t.training().size())).orElse(data.size() / 2);
        int count = n != null ? n : Math.min(DEFAULT_N, most);
        if (count > MAX_N) {
            throw new IllegalArgumentException("--n " + count + ": at most " + MAX_N + " (the kernel distance holds n x n"
                    + " matrices)");
        }
        if (count < 2 || count > most) {
            String needs = test.map(t -> "n test images and n training images outside them; '" + config.data() + "' has "
                    + t.test().size() + " and " + t.training().size())
                    .orElse("two disjoint sets of n training images, having no test split; '" + config.data() + "' has "
                            + data.size());
            throw new IllegalArgumentException("--n " + count + ": the floor needs " + needs + ", so --n must be in 2.."
                    + most);
        }
        PrintWriter printer = spec.commandLine().getOut();
        FeatureExtractor extractor = chooseFeatures(config.data().name(), imageShape, printer);
        RealImages real = test.map(t -> RealImages.againstTest(t.training(), t.test(), data, count, seed))
                .orElseGet(() -> RealImages.split(data, count, seed));
        int dims = extractor.features(real.reference().narrow(0, 0, 1)).size(1);
        if (dims > SLOW_FRECHET_DIMS) {
            printer.println("note: " + dims + "-dim features; the Fréchet distance's eigendecompositions grow as dims^3"
                    + " (about a minute at 784 dims, most of an hour at 3072); --features random projects to "
                    + RANDOM_PROJECTION_DIMS);
        }

        Gan untrained = TrainingRun.buildGan(config, imageShape);
        Gan trained = file.loadGan();
        Tensor untrainedSamples = untrained.sample(new Generator(seed), count);
        Tensor samples = trained.sample(new Generator(seed), count);

        MetricReport report = MetricReport.compute(config.data().name(), extractor, real, untrainedSamples, samples,
                seed);
        if (extractor instanceof ClassifierFeatures classifierFeatures) {
            report = withClasses(report, classifierFeatures, trained);
        }
        printer.print(report.table());
        report.writeJson(json);

        Tensor shown = samples.narrow(0, 0, Math.min(NEIGHBOUR_ROWS, count));
        NearestNeighbours.find(shown, real.training(), NEIGHBOURS).writePng(shown, real.training(), picture);
        printer.println("wrote " + json + " and " + picture + " (each row: a sample, then its " + NEIGHBOURS
                + " nearest training images in pixel L2)");
        Path runDir = checkpoint.toAbsolutePath().getParent();
        if (json.toAbsolutePath().equals(runDir.resolve(RunDirectory.EVALUATION))
                && Files.exists(runDir.resolve(RunDirectory.CONFIG))) {
            // The run's report shows metrics.json beside the run; written at epoch ends, it would miss this one.
            printer.println("updated " + RunReport.write(runDir));
        }
        return 0;
    }

    /**
     * The report with the classes the classifier predicts for {@value #CLASS_HISTOGRAM_SAMPLES} samples
     * from the same seed (for an unconditional GAN the first n of them are the ones scored above; a
     * conditional GAN's labels are drawn after all of z, so its labels differ), and for a
     * class-conditional GAN how often those are the classes the samples were asked for.
     */
    private MetricReport withClasses(MetricReport report, ClassifierFeatures classifier, Gan trained) {
        Tensor noise = trained.noise(new Generator(seed), CLASS_HISTOGRAM_SAMPLES);
        int[] predicted = classifier.predictedClasses(trained.sample(noise));
        int classes = classifier.classes();
        MetricReport withHistogram = report.withClasses(ClassHistogram.of(classifier.classifierName(), predicted, classes));
        if (!trained.conditional()) {
            return withHistogram;
        }
        return withHistogram.withAskedClasses(ClassAgreement.of(classifier.classifierName(), trained.askedClasses(noise),
                predicted, classes));
    }

    /**
     * What {@code --features} and {@code --classifier} ask for; without {@code --features}, the
     * classifier's features where there is a classifier for the data, and pixels (said aloud) where not.
     */
    private FeatureExtractor chooseFeatures(String data, int[] imageShape, PrintWriter printer) throws IOException {
        if (classifier != null && features != null && !features.equals("classifier")) {
            throw new IllegalArgumentException("--classifier: only used with --features classifier, not --features "
                    + features);
        }
        String kind = features != null ? features : "classifier";
        return switch (kind) {
            case "classifier" -> {
                if (classifier != null) {
                    yield ClassifierFeatures.load(classifier);
                }
                Optional<ClassifierFeatures> shipped = ClassifierFeatures.shippedFor(data);
                if (shipped.isPresent()) {
                    yield shipped.get();
                }
                String why = "no classifier trained on '" + data + "' ships with this build";
                if (features != null) {
                    throw new IllegalArgumentException("--features classifier: " + why + "; pass --classifier FILE"
                            + " (weights saved by chapter 4's program) or --features pixels");
                }
                printer.println("note: " + why + ", so the metrics use pixel features; pass --classifier FILE for"
                        + " classifier features");
                yield new PixelFeatures();
            }
            case "pixels" -> new PixelFeatures();
            case "random" -> new RandomProjectionFeatures(Shape.numel(imageShape), RANDOM_PROJECTION_DIMS, seed);
            default -> throw new IllegalArgumentException("--features: unknown features '" + features
                    + "'; expected classifier, pixels or random");
        };
    }
}
