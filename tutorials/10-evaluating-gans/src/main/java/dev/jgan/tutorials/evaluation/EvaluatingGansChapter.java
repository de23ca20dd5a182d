package dev.jgan.tutorials.evaluation;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.metrics.ClassifierFeatures;
import dev.jgan.gan.metrics.FeatureExtractor;
import dev.jgan.gan.metrics.MetricReport;
import dev.jgan.gan.metrics.MetricScorer;
import dev.jgan.gan.metrics.NearestNeighbours;
import dev.jgan.gan.metrics.PixelFeatures;
import dev.jgan.gan.pictures.Chart;
import dev.jgan.gan.pictures.ImageGrid;
import dev.jgan.tutorials.text.TeeStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chapter 10's program: controlled experiments on the embedded digits that show what each GAN
 * metric sees and misses. Real test images are the floor and an untrained generator the
 * ceiling; between them stand sets whose failure we know because we made it (copied training
 * images, dropped digits, blur, noise) and the MLP GAN after more and more epochs. Every set is
 * scored on the digits CNN's features and on raw pixels; the tables go to standard output and,
 * from {@link #main}, to the chapter's results/ folder, and the pictures to images/.
 *
 * <p>Arguments (optional): n images per set (default {@value #DEFAULT_N}) and the epochs after
 * which the GAN is scored, comma-separated (default 1,3,10,30). With {@value #FASHION_DCGAN} as
 * the first argument it runs {@link FashionDcganScores} instead, with the arguments that follow.
 */
public final class EvaluatingGansChapter {
    static final int DEFAULT_N = 200;
    static final Budget DEFAULT_BUDGET = new Budget(DEFAULT_N, new int[]{1, 3, 10, 30}, 0);
    static final Path CHAPTER = Path.of("tutorials", "10-evaluating-gans");
    static final String RESULTS_FILE = "digits.txt";
    static final String FASHION_DCGAN = "fashion-dcgan";
    /** Digits from this one up are missing from the mode-dropping case. */
    static final int FIRST_DROPPED_DIGIT = 7;
    static final int BLUR_PASSES = 1;
    static final double NOISE_SIGMA = 0.5;
    static final int PICTURE_COLUMNS = 12;
    static final int NEIGHBOUR_ROWS = 6;
    static final int NEIGHBOURS = 5;
    /** Up to the 297 test digits. */
    static final int[] FLOOR_SIZES = {25, 50, 100, 200, 297};

    /** The scores of every case under each feature extractor, in the order printed. */
    record Result(Map<String, List<CaseScores>> byFeatures, DigitsGan.Snapshots gan,
                  Map<Integer, MetricReport.Scores> floorBySize) {
        CaseScores get(String features, String caseName) {
            return byFeatures.get(features).stream().filter(c -> c.name().equals(caseName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no case '" + caseName + "' on " + features));
        }
    }

    private EvaluatingGansChapter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals(FASHION_DCGAN)) {
            FashionDcganScores.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Budget budget = new Budget(args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_BUDGET.n(),
                args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                        : DEFAULT_BUDGET.epochs(), DEFAULT_BUDGET.seed());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream both = new PrintStream(new TeeStream(System.out, bytes), true, StandardCharsets.UTF_8)) {
            run(both, budget, List.of(ClassifierFeatures.digitsCnn(), new PixelFeatures()), CHAPTER.resolve("images"));
        }
        Path results = CHAPTER.resolve("results").resolve(RESULTS_FILE);
        Files.createDirectories(results.getParent());
        Files.writeString(results, bytes.toString(StandardCharsets.UTF_8));
        System.out.println("wrote " + results);
    }

    static Result run(PrintStream out, Budget budget, List<FeatureExtractor> extractors, Path images)
            throws IOException {
        DigitsSets sets = new DigitsSets(budget.n(), budget.seed());
        out.printf(Locale.ROOT, "== data: %d training digits (the GAN's and the CNN's), test digits unseen by both;"
                + " %d images per set%n", sets.training().size(), budget.n());
        out.printf(Locale.ROOT, "== training the MLP GAN on the training digits for %d epochs (batch %d)%n",
                budget.lastEpoch(), DigitsGan.BATCH_SIZE);
        DigitsGan.Snapshots gan = DigitsGan.train(sets.training(), budget);
        out.printf(Locale.ROOT, "time: %.2f s per epoch%n", gan.secondsPerEpoch());

        Tensor test = sets.test();
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("real test (floor)", test));
        cases.add(new Case("copied training", sets.copiedTraining()));
        cases.add(new Case("digits 0-" + (FIRST_DROPPED_DIGIT - 1) + " only", sets.testWithoutDigits(FIRST_DROPPED_DIGIT)));
        cases.add(new Case("blurred test", ImageDamage.blur(test, BLUR_PASSES)));
        cases.add(new Case(String.format(Locale.ROOT, "noisy test (s = %.1f)", NOISE_SIGMA),
                ImageDamage.noisy(test, NOISE_SIGMA, new Generator(budget.seed() + 4))));
        cases.add(new Case("untrained G (ceiling)", gan.untrained()));
        gan.afterEpochs().forEach((epochs, samples) -> cases.add(new Case(ganCase(epochs), samples)));

        Tensor reference = sets.reference();
        Tensor training = sets.training().images();
        Map<String, List<CaseScores>> byFeatures = new LinkedHashMap<>();
        for (FeatureExtractor extractor : extractors) {
            MetricScorer scorer = new MetricScorer(extractor, reference, budget.seed());
            List<CaseScores> rows = cases.stream().map(c -> CaseScores.of(c, scorer, training)).toList();
            CaseScores.printTable(out, extractor.name(), rows);
            byFeatures.put(extractor.name(), rows);
        }
        writePictures(out, cases, byFeatures, sets, gan, budget, images);
        return new Result(byFeatures, gan, floorBySize(out, extractors.get(0), budget.seed()));
    }

    /**
     * Real test images against real training images at several n: the Fréchet distance of two
     * samples of one distribution shrinks as n grows (it is biased), KID's estimator does not.
     */
    static Map<Integer, MetricReport.Scores> floorBySize(PrintStream out, FeatureExtractor extractor, long seed) {
        out.printf(Locale.ROOT, "== the floor at other n (%s features): real test against real training images%n",
                extractor.name());
        out.printf(Locale.ROOT, "%5s %10s %10s %10s %9s %7s%n", "n", "Fréchet", "KID", "KID std", "precision", "recall");
        Map<Integer, MetricReport.Scores> bySize = new LinkedHashMap<>();
        for (int n : FLOOR_SIZES) {
            DigitsSets sets = new DigitsSets(n, seed);
            MetricReport.Scores s = new MetricScorer(extractor, sets.reference(), seed).score(sets.test());
            out.printf(Locale.ROOT, "%5d %10.4g %10.4g %10.4g %9.3f %7.3f%n", n, s.frechetDistance(),
                    s.kernelDistance(), s.kernelDistanceStd(), s.precision(), s.recall());
            bySize.put(n, s);
        }
        return bySize;
    }

    static String ganCase(int epochs) {
        return String.format(Locale.ROOT, "GAN, %d epoch%s", epochs, epochs == 1 ? "" : "s");
    }

    private static void writePictures(PrintStream out, List<Case> cases, Map<String, List<CaseScores>> byFeatures,
                                      DigitsSets sets, DigitsGan.Snapshots gan, Budget budget, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        List<Tensor> rows = cases.stream().map(c -> c.images().narrow(0, 0, PICTURE_COLUMNS)).toList();
        ImageGrid.writePng(Tensor.concat(rows, 0), PICTURE_COLUMNS, 4, dir.resolve("cases.png"));

        Tensor training = sets.training().images();
        Tensor ganSamples = gan.afterEpochs().get(budget.lastEpoch()).narrow(0, 0, NEIGHBOUR_ROWS);
        NearestNeighbours.find(ganSamples, training, NEIGHBOURS).writePng(ganSamples, training,
                dir.resolve("neighbours-gan.png"));
        Tensor copies = sets.copiedTraining().narrow(0, 0, NEIGHBOUR_ROWS);
        NearestNeighbours.find(copies, training, NEIGHBOURS).writePng(copies, training,
                dir.resolve("neighbours-copies.png"));

        String first = byFeatures.keySet().iterator().next();
        Chart chart = Chart.of("precision and recall, k = 3, on " + first + " features", "precision (fidelity)",
                "recall (diversity)").xRange(-0.02, 1.02).yRange(-0.02, 1.02).markerSize(10);
        for (CaseScores c : byFeatures.get(first)) {
            chart.scatter(c.name(), new double[]{c.scores().precision()}, new double[]{c.scores().recall()});
        }
        chart.writePng(dir.resolve("precision-recall.png"));
        out.println("pictures: cases.png (one row per case, in the table's order), neighbours-gan.png,"
                + " neighbours-copies.png, precision-recall.png");
    }
}
