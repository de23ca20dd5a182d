package dev.jgan.tutorials.dcgan;

import dev.jgan.gan.pictures.ImageGrid;
import dev.jgan.gan.train.StepResult;
import dev.jgan.tutorials.text.ChapterText;
import dev.jgan.tutorials.text.Printed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the chapter once with a budget CI can afford (4 steps at ngf = ndf = 4 on the embedded
 * digits resized to 32x32) and checks what the text claims: the training loop runs, D starts at
 * about 1/2 and every loss fits its probabilities, the samples are 32x32 images in Tanh's range,
 * and every output and every line of
 * code the README quotes is what the program prints and what the sources say.
 */
class DcganChapterTest {
    /** The chapter quotes its own program and the gan library it teaches. */
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "..", "gan", "src", "main", "java"));
    static final Budget CI_BUDGET = new Budget("digits", 4, 8, 4, 2);

    @TempDir
    static Path dir;
    private static String printed;
    private static ChapterTraining.Result result;

    @BeforeAll
    static void runChapter() throws IOException {
        var run = Printed.capture(out -> DcganChapter.run(out, CI_BUDGET, dir.resolve("samples.png"), null));
        result = run.value();
        printed = run.printed();
    }

    @Test
    void trainingLoopRunsWithLossesThatFitItsProbabilities() {
        assertEquals(CI_BUDGET.steps(), result.steps().size());
        for (StepResult s : result.steps()) {
            assertTrue(Double.isFinite(s.discriminatorLoss()) && Double.isFinite(s.generatorLoss()), s.toString());
            // D's loss is the mean of -log D(x) plus the mean of -log(1 - D(G(z))) over the batch;
            // -log is convex, so it is at least -log of the mean D(x) plus -log(1 - mean D(G(z)))
            // (Jensen), with equality only if D says the same for every image.
            double atTheMeans = -Math.log(s.dReal()) - Math.log(1 - s.dFake());
            assertTrue(s.discriminatorLoss() >= atTheMeans - 1e-6, "D loss below its bound at the mean outputs: " + s);
        }
        // Init.dcgan's N(0, 0.02) weights give logits near 0: D starts out guessing about 1/2 for
        // every image, so its first loss is about 2 log 2 (-log 1/2 for the real and the fake half).
        StepResult first = result.steps().get(0);
        assertEquals(0.5, first.dReal(), 0.1, first.toString());
        assertEquals(0.5, first.dFake(), 0.1, first.toString());
        assertEquals(2 * Math.log(2), first.discriminatorLoss(), 0.1, first.toString());
        assertTrue(printed.contains("step     4: D loss "), printed);
        assertTrue(result.wallSecondsPerStep() > 0 && result.cpuSecondsPerStep() > 0);
        assertEquals(1797 / 8, result.stepsPerEpoch());
    }

    @Test
    void samplesAre32x32ImagesInTanhRangeWrittenAsAGrid() throws IOException {
        assertArrayEquals(new int[]{ChapterTraining.GRID, 1, 32, 32}, result.samples().shape());
        assertTrue(result.samples().abs().max().item() <= 1.0);
        BufferedImage grid = ImageIO.read(dir.resolve("samples.png").toFile());
        int oneGrid = 8 * (2 * 32 + 2) + 2;
        assertTrue(grid.getWidth() > 2 * oneGrid, "real and generated side by side, 8 columns of 32 px at scale 2 each");
        // The left grid is the first 64 training images as ImageGrid draws them (RealBesideFakeTest checks the layout).
        var data = dev.jgan.gan.run.DataChoice.load(CI_BUDGET.data(), ChapterTraining.IMAGE_SIZE);
        BufferedImage real = ImageGrid.render(data.images().images().narrow(0, 0, ChapterTraining.GRID), 8, 2, 2);
        int top = grid.getHeight() - real.getHeight();
        for (int y = 0; y < real.getHeight(); y += 7) {
            for (int x = 0; x < real.getWidth(); x += 5) {
                assertEquals(real.getRGB(x, y), grid.getRGB(x, top + y), "real image pixel " + x + "," + y);
            }
        }
    }

    @Test
    void withAPicturesFolderTheRunDrawsRealBesideGeneratedAfter200StepsAndAfterEachEpoch(@TempDir Path pictures)
            throws IOException {
        // One epoch of the digits at batch 8 is 224 steps; width 2 keeps it to seconds.
        Budget epoch = new Budget("digits", 224, 8, 2, 224);
        Printed.capture(out -> ChapterTraining.run(out, epoch, pictures.resolve("samples.png"), pictures));
        for (String name : List.of("digits-ngf2-step200.png", "digits-ngf2-epoch1.png", "samples.png")) {
            BufferedImage img = ImageIO.read(pictures.resolve(name).toFile());
            assertTrue(img != null && img.getWidth() > 2 * (8 * (2 * 32 + 2) + 2), name + " holds two grids");
        }
    }

    @Test
    void everyOutputQuotedInTheReadmeIsPrintedByTheProgram() {
        ChapterText text = ChapterText.readme();
        text.assertQuotedOutputIsPrinted(printed, 4);
        text.assertQuotedOutputFollowsTheProgramsOrder(printed);
        text.assertMachineDependentLinesArePrinted(printed, 2);
    }

    @Test
    void timingsAreInDatedMachineDependentBlocks() {
        ChapterText.readme().assertTimingsAreInDatedMachineDependentBlocks();
    }

    @Test
    void everyLineOfCodeQuotedInTheReadmeIsInTheSources() {
        ChapterText.readme().assertQuotedCodeIsIn(SOURCES, 3);
    }
}
