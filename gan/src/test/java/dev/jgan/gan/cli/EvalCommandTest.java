package dev.jgan.gan.cli;

import dev.jgan.gan.metrics.MetricReport;
import dev.jgan.gan.metrics.RealImages;
import dev.jgan.gan.run.TinyMnist;
import dev.jgan.gan.run.RunDirectory;
import dev.jgan.gan.run.TrainingRun;
import dev.jgan.nn.classify.ClassifierWeights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvalCommandTest {
    @TempDir
    static Path tmp;
    private static Path checkpoint;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** One epoch of three steps: enough for a checkpoint, not for good samples. */
    @BeforeAll
    static void trainTinyRun() {
        Path dir = tmp.resolve("run");
        int code = GanCli.execute(new String[]{"train", "--epochs", "1", "--batch-size", "512", "--out", dir.toString(),
                "--no-progress"}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertEquals(0, code);
        checkpoint = dir.resolve(RunDirectory.CHECKPOINT);
    }

    private int run(String... args) {
        return GanCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** The checkpoint of one epoch on {@code data}, an IDX directory, trained into {@code tmp/name}. */
    private Path trainOn(Path data, String name) {
        Path dir = tmp.resolve(name);
        assertEquals(0, run("train", "--data", data.toString(), "--batch-size", "20", "--epochs", "1", "--out",
                dir.toString(), "--no-progress"), err.toString());
        return dir.resolve(RunDirectory.CHECKPOINT);
    }

    @Test
    void printsTheTableAndWritesJsonAndTheNeighbourPicture() throws Exception {
        Path json = tmp.resolve("eval").resolve("m.json");
        assertEquals(0, run("eval", "--checkpoint", checkpoint.toString(), "--n", "200", "--out", json.toString()),
                err.toString());
        String text = out.toString();
        assertTrue(text.contains("digits, 200 images per set") && text.contains("Fréchet distance"), text);
        MetricReport report = MetricReport.readJson(json);
        assertEquals(200, report.samples());
        assertEquals("digits-cnn penultimate (128 dims)", report.features(), "digits default to the digits CNN");
        assertEquals(RealImages.FloorSource.TEST, report.floorSource(), "chapter 4's test digits");
        assertTrue(text.contains("floor: 200 test images of 'digits' against the 200 reference training images"), text);
        assertTrue(report.floor().frechetDistance() < report.ceiling().frechetDistance(), text);
        assertTrue(text.contains("classes digits-cnn predicts for 1000 samples (%): 0: "), text);
        assertEquals(EvalCommand.CLASS_HISTOGRAM_SAMPLES, report.classes().samples(), "1000 samples whatever --n is");
        assertEquals(10, report.classes().counts().length);
        // The default recipe on the digits is conditional: the report says how often G drew the digit asked for.
        assertTrue(text.contains("asked-for class drawn (digits-cnn's prediction, 1000 samples): "), text);
        assertEquals(EvalCommand.CLASS_HISTOGRAM_SAMPLES, report.askedClasses().samples());
        int[][] confusion = report.askedClasses().confusion();
        for (int predicted = 0; predicted < 10; predicted++) {
            int drawn = 0;
            for (int[] asked : confusion) {
                drawn += asked[predicted];
            }
            assertEquals(report.classes().counts()[predicted], drawn, "the histogram counts the same samples");
        }
        BufferedImage picture = ImageIO.read(tmp.resolve("eval").resolve("m_neighbours.png").toFile());
        assertEquals(6 * 66 + 2, picture.getWidth(), "a sample and 5 neighbours per row");
        assertEquals(8 * 66 + 2, picture.getHeight(), "8 rows");
    }

    /** Written into the run's own directory (the default), the evaluation joins the run's report.html. */
    @Test
    void anEvaluationInTheRunsDirectoryUpdatesItsReport() throws Exception {
        Path dir = tmp.resolve("reported");
        assertEquals(0, run("train", "--epochs", "1", "--batch-size", "512", "--out", dir.toString(), "--no-progress"),
                err.toString());
        Path report = dir.resolve(RunDirectory.REPORT);
        Path ckpt = dir.resolve(RunDirectory.CHECKPOINT);
        assertEquals(0, run("eval", "--checkpoint", ckpt.toString(), "--n", "50", "--out",
                tmp.resolve("elsewhere.json").toString()), err.toString());
        assertFalse(Files.readString(report).contains("id=\"metrics\""), "an evaluation written elsewhere leaves it");
        assertFalse(out.toString().contains("updated"), out.toString());

        assertEquals(0, run("eval", "--checkpoint", ckpt.toString(), "--n", "50"), err.toString());
        assertTrue(out.toString().contains("updated " + report.toAbsolutePath()), out.toString());
        String html = Files.readString(report);
        assertTrue(html.contains("id=\"metrics\"") && html.contains("frechetDistance"), html);
        assertTrue(html.contains("askedClasses") && html.contains(RunDirectory.EVALUATION_NEIGHBOURS),
                "the class agreement as a note, and the neighbours picture");
    }

    @Test
    void helpListsEvalAndItsOptions() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("eval"), out.toString());
        assertEquals(0, run("eval", "--help"));
        assertTrue(out.toString().contains("--features") && out.toString().contains("--checkpoint"), out.toString());
    }

    @ParameterizedTest(name = "--features {0}")
    @CsvSource({"random, random projection to 64 dims (seed 0)", "pixels, pixels"})
    void theFeaturesAskedForAreNamedInTheReport(String choice, String named) throws Exception {
        Path json = tmp.resolve(choice + ".json");
        assertEquals(0, run("eval", "--checkpoint", checkpoint.toString(), "--n", "100", "--features", choice,
                "--out", json.toString()), err.toString());
        assertEquals(named, MetricReport.readJson(json).features());
        assertNull(MetricReport.readJson(json).classes(), "no classifier, no class histogram");
        assertFalse(out.toString().contains("predicts for"), out.toString());
    }

    @Test
    void aClassifierFileGivesItsFeatures() throws Exception {
        Path weights = tmp.resolve("cnn.safetensors");
        ClassifierWeights.save(weights, ClassifierWeights.digitsCnn(), Map.of());
        Path json = tmp.resolve("file.json");
        assertEquals(0, run("eval", "--checkpoint", checkpoint.toString(), "--n", "100", "--classifier",
                weights.toString(), "--out", json.toString()), err.toString());
        assertEquals("digits-cnn penultimate (128 dims)", MetricReport.readJson(json).features());
        assertEquals("digits-cnn", MetricReport.readJson(json).classes().classifier(), "the file's classifier counts");
    }

    @Test
    void anUnconditionalGanGetsAHistogramButNoAgreement() throws Exception {
        Path dir = tmp.resolve("gan-py");
        assertEquals(0, run("train", "--recipe", "gan.py", "--epochs", "1", "--batch-size", "512", "--out",
                dir.toString(), "--no-progress"), err.toString());
        Path json = tmp.resolve("gan-py.json");
        assertEquals(0, run("eval", "--checkpoint", dir.resolve(RunDirectory.CHECKPOINT).toString(), "--n", "100",
                "--out", json.toString()), err.toString());
        MetricReport report = MetricReport.readJson(json);
        assertEquals(EvalCommand.CLASS_HISTOGRAM_SAMPLES, report.classes().samples());
        assertNull(report.askedClasses(), "an unconditional GAN is asked for no class");
        assertFalse(out.toString().contains("asked-for class"), out.toString());
    }

    @Test
    void aMissingClassifierFileIsAUsageError() {
        assertEquals(2, run("eval", "--checkpoint", checkpoint.toString(), "--classifier",
                tmp.resolve("none.safetensors").toString()));
        assertTrue(err.toString().contains("no such weights file"), err.toString());
    }

    @Test
    void aClassifierFileWithOtherFeaturesIsAUsageError() {
        assertEquals(2, run("eval", "--checkpoint", checkpoint.toString(), "--features", "pixels", "--classifier",
                "x.safetensors"));
        assertTrue(err.toString().contains("--classifier: only used with --features classifier"), err.toString());
    }

    /** IDX files in a directory (a data set given by path) have no shipped classifier. */
    @Test
    void dataWithoutAClassifierFallBackToPixelsUnlessClassifierFeaturesAreAskedFor() throws Exception {
        Path data = TinyMnist.write(tmp.resolve("idx"), 40, 2);
        Path idxCheckpoint = trainOn(data, "idx-run");
        Path json = tmp.resolve("idx.json");
        assertEquals(0, run("eval", "--checkpoint", idxCheckpoint.toString(), "--n", "10", "--out", json.toString()),
                err.toString());
        assertEquals("pixels", MetricReport.readJson(json).features());
        assertTrue(out.toString().contains("no classifier trained on '" + data + "' ships with this build, so the"
                + " metrics use pixel features"), out.toString());
        assertEquals(2, run("eval", "--checkpoint", idxCheckpoint.toString(), "--n", "10", "--features", "classifier",
                "--out", json.toString()));
        assertTrue(err.toString().contains("--features classifier: no classifier trained on '" + data + "' ships with"
                + " this build; pass --classifier FILE"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), "one line: " + err);
    }

    /**
     * The same IDX training files, first alone, then beside a test split of black images: the
     * floor moves from held-out training images, about as far from the reference as one random
     * image is from another, to the black test images, further.
     */
    @Test
    void theFloorComesFromTheTestSplitWhenThereIsOneAndSaysWhereFrom() throws Exception {
        Path data = TinyMnist.write(tmp.resolve("split"), 40, 3);
        Path splitCheckpoint = trainOn(data, "split-run");
        Path heldOutJson = tmp.resolve("held-out.json");
        assertEquals(0, run("eval", "--checkpoint", splitCheckpoint.toString(), "--n", "10", "--features", "pixels",
                "--out", heldOutJson.toString()), err.toString());
        MetricReport heldOut = MetricReport.readJson(heldOutJson);
        assertEquals(RealImages.FloorSource.HELD_OUT_TRAINING, heldOut.floorSource());
        assertTrue(out.toString().contains("floor: 10 held-out training images against the 10 reference training"
                + " images, as '" + data + "' has no test split"), out.toString());
        assertTrue(Files.readString(heldOutJson).contains("\"floorSource\" : \"held-out training\""));

        TinyMnist.writeBlackTest(data, 12, 28);
        Path testJson = tmp.resolve("test.json");
        assertEquals(0, run("eval", "--checkpoint", splitCheckpoint.toString(), "--n", "10", "--features", "pixels",
                "--out", testJson.toString()), err.toString());
        MetricReport test = MetricReport.readJson(testJson);
        assertEquals(RealImages.FloorSource.TEST, test.floorSource());
        assertTrue(Files.readString(testJson).contains("\"floorSource\" : \"test\""));
        // Random pixels u in [-1, 1]: E(u - v)^2 = 2/3 between two images, E(u + 1)^2 = 4/3 to black.
        assertTrue(test.floor().nearestReferenceDistance() > 1.2 * heldOut.floor().nearestReferenceDistance(),
                test.floor() + " vs " + heldOut.floor());
        assertEquals(2, run("eval", "--checkpoint", splitCheckpoint.toString(), "--n", "13", "--out",
                testJson.toString()));
        assertTrue(err.toString().contains("--n 13: the floor needs n test images and n training images outside them; '"
                + data + "' has 12 and 40, so --n must be in 2..12"), err.toString());
    }

    @Test
    void unknownFeaturesAreAUsageError() {
        assertEquals(2, run("eval", "--checkpoint", checkpoint.toString(), "--features", "inception"));
        assertTrue(err.toString().contains("unknown features 'inception'; expected classifier, pixels or random"),
                err.toString());
    }

    @Test
    void tooManyImagesForTheFloorIsAUsageError() {
        assertEquals(2, run("eval", "--checkpoint", checkpoint.toString(), "--n", "1000", "--out",
                tmp.resolve("x.json").toString()));
        assertTrue(err.toString().contains("--n 1000: the floor needs n test images and n training images outside them;"
                + " 'digits' has 297 and 1500, so --n must be in 2..297"), err.toString());
    }

    @Test
    void outputMustBeJson() {
        assertEquals(2, run("eval", "--checkpoint", checkpoint.toString(), "--out", tmp.resolve("m.txt").toString()));
        assertTrue(err.toString().contains("must end in .json"), err.toString());
    }
}
