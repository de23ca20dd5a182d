package dev.jgan.tutorials.mlpgan;

import dev.jgan.gan.train.StepResult;
import dev.jgan.tutorials.text.Printed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the chapter on the digits with a budget CI can afford and checks its claims: the
 * non-saturating loss sends G more gradient than the minimax loss once D rejects G's samples,
 * and the trained MLP GAN's samples beat noise on the classifier metric: their Fréchet distance
 * on the digits CNN's features is below uniform noise's and less than half an untrained generator's.
 */
class MlpGanChapterTest {
    /** 8 epochs of 28 steps, and 16 more with k = 2; the recorded run trains 30, and k = 2 and 5 for 60 and 150. */
    static final Budget CI_BUDGET = new Budget("digits", 8, new int[]{0}, 300, false, false, new int[]{2});

    @TempDir
    static Path images;
    private static String printed;
    private static MlpGanChapter.Findings findings;

    @BeforeAll
    static void runChapter() throws IOException {
        var run = Printed.capture(out -> MlpGanChapter.run(out, CI_BUDGET, images));
        findings = run.value();
        printed = run.printed();
    }

    @Test
    void trainedSamplesBeatNoiseAndTheUntrainedGeneratorOnTheClassifierMetric() {
        Training.Result r = findings.nonSaturating();
        double untrained = r.snapshots().get(0).frechet();
        double trained = r.last().frechet();
        assertEquals(0, r.snapshots().get(0).step());
        assertEquals(CI_BUDGET.epochs() * r.stepsPerEpoch(), r.last().step());
        assertTrue(trained < 0.5 * untrained && trained < findings.noise(), "Fréchet distance after training "
                + trained + ", untrained G " + untrained + ", uniform noise " + findings.noise() + "\n" + printed);
        assertTrue(findings.floor() < trained, "held-out real digits score " + findings.floor() + "\n" + printed);
    }

    @Test
    void kEqualTwoTakesTwiceTheDiscriminatorStepsForAsManyGeneratorSteps() {
        Training.Result k1 = findings.nonSaturating();
        Training.Result k2 = findings.moreDiscriminatorSteps().get(0);
        assertEquals(2, k2.options().discriminatorSteps());
        assertEquals(2 * k1.steps().size(), k2.steps().size());
        for (StepResult step : k2.steps()) {
            boolean generatorStep = (step.step() + 1) % 2 == 0;
            assertEquals(generatorStep, Double.isFinite(step.generatorLoss()), step.toString());
            assertTrue(Double.isFinite(step.discriminatorLoss()), step.toString());
        }
        assertTrue(k2.last().frechet() < findings.noise(), "k = 2 after 224 G steps: " + k2.last().frechet() + "\n"
                + printed);
        assertTrue(printed.contains("k   D steps  G steps  Fréchet distance"), printed);
    }

    @Test
    void theNonSaturatingLossSendsMoreGradientOnceDRejectsTheSamples() {
        SaturationSection.Result s = findings.saturation();
        assertTrue(s.minimax().meanDFake() < 0.5, "D(G(z)) after D's head start: " + s.minimax().meanDFake());
        assertTrue(s.ratio() > 1, "gradient ratio " + s.ratio() + "\n" + printed);
        // Untrained, D(G(z)) is near 1/2, where both losses have the same slope in D's logit.
        double start = s.nonSaturatingAtStart().parameterNorm() / s.minimaxAtStart().parameterNorm();
        assertTrue(Math.abs(start - 1) < 0.2, "untrained gradient ratio " + start);
    }

    @Test
    void trainingRunsWithFiniteLossesAndWritesItsPictures() throws IOException {
        for (StepResult step : findings.nonSaturating().steps()) {
            assertTrue(Double.isFinite(step.discriminatorLoss()) && Double.isFinite(step.generatorLoss()),
                    step.toString());
        }
        assertNull(findings.minimax(), "the CI budget trains one generator");
        for (String name : new String[]{"digits-saturation.png", "digits-d-curves.png", "digits-step-0000.png", "digits-real.png",
                String.format("digits-step-%04d.png", findings.nonSaturating().last().step())}) {
            BufferedImage picture = ImageIO.read(images.resolve(name).toFile());
            assertTrue(picture != null && picture.getWidth() > 0, name);
        }
        assertTrue(printed.contains("BatchNorm1d(256, eps=0.8, momentum=0.1)"), printed);
    }
}
