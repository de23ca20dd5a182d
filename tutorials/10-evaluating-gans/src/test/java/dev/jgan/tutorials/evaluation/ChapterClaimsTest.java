package dev.jgan.tutorials.evaluation;

import dev.jgan.gan.metrics.ClassifierFeatures;
import dev.jgan.gan.metrics.MetricReport;
import dev.jgan.gan.metrics.PixelFeatures;
import dev.jgan.tutorials.text.Printed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the chapter with a budget CI can afford (the full 200 images per set, the GAN scored after
 * 1 and 3 epochs instead of up to 30) and checks each claim the text makes about what a metric
 * sees and misses. The claims are about orderings and large gaps, which a different seed or a
 * shorter run does not overturn; the exact numbers of the text are checked by
 * {@link ChapterTextTest} against the recorded full run.
 */
class ChapterClaimsTest {
    static final Budget CI_BUDGET = new Budget(EvaluatingGansChapter.DEFAULT_N, new int[]{1, 3}, 0);

    @TempDir
    static Path images;
    private static EvaluatingGansChapter.Result result;
    private static String printed;
    private static String cnn;
    private static String pixels;

    @BeforeAll
    static void runChapter() throws IOException {
        ClassifierFeatures classifier = ClassifierFeatures.digitsCnn();
        PixelFeatures pixelFeatures = new PixelFeatures();
        cnn = classifier.name();
        pixels = pixelFeatures.name();
        var run = Printed.capture(out -> EvaluatingGansChapter.run(out, CI_BUDGET, List.of(classifier, pixelFeatures), images));
        result = run.value();
        printed = run.printed();
    }

    private static MetricReport.Scores scores(String features, String caseName) {
        return result.get(features, caseName).scores();
    }

    @Test
    void aTrainedGanScoresBetweenTheFloorAndTheCeilingAndImprovesWithTraining() {
        for (String f : List.of(cnn, pixels)) {
            MetricReport.Scores floor = scores(f, "real test (floor)");
            MetricReport.Scores early = scores(f, EvaluatingGansChapter.ganCase(1));
            MetricReport.Scores later = scores(f, EvaluatingGansChapter.ganCase(3));
            MetricReport.Scores ceiling = scores(f, "untrained G (ceiling)");
            assertTrue(floor.frechetDistance() < later.frechetDistance()
                    && later.frechetDistance() < early.frechetDistance()
                    && early.frechetDistance() < ceiling.frechetDistance(), f + "\n" + printed);
            assertTrue(floor.kernelDistance() < later.kernelDistance()
                    && later.kernelDistance() < ceiling.kernelDistance(), f + "\n" + printed);
        }
    }

    @Test
    void droppingDigitsLowersRecallButNotPrecision() {
        MetricReport.Scores floor = scores(cnn, "real test (floor)");
        MetricReport.Scores dropped = scores(cnn, "digits 0-6 only");
        assertTrue(dropped.recall() < floor.recall() - 0.1, printed);
        assertTrue(dropped.precision() > floor.precision() - 0.05, printed);
    }

    @Test
    void copiedTrainingImagesLookAsGoodAsRealOnesToEveryDistributionMetric() {
        for (String f : List.of(cnn, pixels)) {
            MetricReport.Scores floor = scores(f, "real test (floor)");
            MetricReport.Scores copies = scores(f, "copied training");
            assertTrue(copies.frechetDistance() < 1.5 * floor.frechetDistance(), f + "\n" + printed);
            assertTrue(copies.precision() > floor.precision() - 0.05 && copies.recall() > floor.recall() - 0.05,
                    f + "\n" + printed);
            assertTrue(copies.parzenLogLikelihood() > floor.parzenLogLikelihood(),
                    "Parzen rewards memorization\n" + printed);
        }
    }

    @Test
    void onlyTheNearestTrainingImageRevealsTheCopies() {
        CaseScores copies = result.get(cnn, "copied training");
        CaseScores floor = result.get(cnn, "real test (floor)");
        assertEquals(1.0, copies.copiedShare());
        assertEquals(0.0, copies.nearestTrainingDistance(), 1e-9);
        assertEquals(0.0, floor.copiedShare());
        assertTrue(floor.nearestTrainingDistance() > 1, printed);
        for (int epochs : CI_BUDGET.epochs()) {
            assertEquals(0.0, result.get(cnn, EvaluatingGansChapter.ganCase(epochs)).copiedShare(), printed);
        }
    }

    @Test
    void blurAndNoiseFailInOppositeWaysOnPixels() {
        MetricReport.Scores floor = scores(pixels, "real test (floor)");
        MetricReport.Scores blurred = scores(pixels, "blurred test");
        MetricReport.Scores noisy = scores(pixels, "noisy test (s = 0.5)");
        assertTrue(blurred.precision() > floor.precision() - 0.05 && blurred.recall() < floor.recall() / 2, printed);
        assertTrue(noisy.precision() < floor.precision() / 2 && noisy.recall() > floor.recall(), printed);
    }

    @Test
    void theFrechetDistanceOfRealAgainstRealShrinksWithNButTheKernelDistanceDoesNot() {
        MetricReport.Scores small = result.floorBySize().get(25);
        MetricReport.Scores large = result.floorBySize().get(297);
        assertTrue(small.frechetDistance() > 2 * large.frechetDistance(), printed);
        for (MetricReport.Scores s : result.floorBySize().values()) {
            assertTrue(Math.abs(s.kernelDistance()) < 2 * s.kernelDistanceStd(), "unbiased: zero within its spread\n"
                    + printed);
        }
    }

    @Test
    void thePicturesAreWritten() {
        for (String name : List.of("cases.png", "neighbours-gan.png", "neighbours-copies.png", "precision-recall.png")) {
            assertTrue(Files.isRegularFile(images.resolve(name)), name);
        }
    }
}
