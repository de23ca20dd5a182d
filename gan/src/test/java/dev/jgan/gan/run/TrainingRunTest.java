package dev.jgan.gan.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingRunTest {
    /** Batch 256 on the 1797 digits: 7 steps an epoch keeps the test short. */
    static RunConfig config(int epochs) {
        return new RunConfig("mlp", "digits", epochs, 5, 256, 100, "non-saturating", 1, 2e-4, 0.5, 0.999, 5, 0.8);
    }

    /** The same run with another recipe. */
    static RunConfig config(int epochs, Recipe recipe) {
        RunConfig c = config(epochs);
        return new RunConfig(c.model(), c.data(), epochs, c.seed(), c.batchSize(), c.latentDim(), c.loss(),
                c.discriminatorSteps(), c.lr(), c.beta1(), c.beta2(), c.sampleEvery(), c.batchNormEps(), c.imageSize(),
                c.ngf(), c.ndf(), recipe.cliName());
    }

    @ParameterizedTest
    @EnumSource(Recipe.class)
    void resumedRunTakesExactlyTheStepsOfAnUninterruptedOne(Recipe recipe, @TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        TrainingRun.start(config(3, recipe), straight).run(ProgressListener.SILENT);

        Path interrupted = tmp.resolve("interrupted");
        TrainingRun.start(config(1, recipe), interrupted).run(ProgressListener.SILENT);
        TrainingRun.resume(interrupted, 3).run(ProgressListener.SILENT);

        List<MetricsLog.Row> a = MetricsLog.read(straight.resolve(TrainingRun.METRICS));
        List<MetricsLog.Row> b = MetricsLog.read(interrupted.resolve(TrainingRun.METRICS));
        assertEquals(21, a.size());
        assertEquals(a, b, "the loss sequence of the resumed run differs from the uninterrupted one");
    }

    @Test
    void writesPicturesMetricsAndACheckpoint(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Summary s = TrainingRun.start(config(1), dir).run(ProgressListener.SILENT);
        assertEquals(7, s.steps());
        for (String f : List.of("config.json", "metrics.csv", "checkpoint.safetensors", "summary.json", "losses.png",
                "probabilities.png", "samples.png", "samples/epoch_001.png", "samples/step_0000005.png")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertTrue(s.lastEpochDReal() > 0 && s.lastEpochDReal() < 1);
    }

    /** The two recipes train differently from the first step on: D's loss differs as soon as D does. */
    @Test
    void theRecipeChangesTheTrainingAndIsSavedWithTheRun(@TempDir Path tmp) throws Exception {
        TrainingRun.start(config(1, Recipe.GAN_PY), tmp.resolve("gan.py")).run(ProgressListener.SILENT);
        TrainingRun.start(config(1, Recipe.MODE_COVERING), tmp.resolve("covering")).run(ProgressListener.SILENT);
        List<MetricsLog.Row> a = MetricsLog.read(tmp.resolve("gan.py").resolve(TrainingRun.METRICS));
        List<MetricsLog.Row> b = MetricsLog.read(tmp.resolve("covering").resolve(TrainingRun.METRICS));
        assertNotEquals(a.get(0).dLoss(), b.get(0).dLoss());
        assertEquals("mode-covering", TrainingRun.savedConfig(tmp.resolve("covering")).recipe());
        assertEquals(Recipe.MODE_COVERING, RunCheckpoint.read(tmp.resolve("covering").resolve(TrainingRun.CHECKPOINT))
                .config().recipeChoice());
    }

    /** A config.json written before recipes existed has no "recipe": such runs trained with gan.py's. */
    @Test
    void aConfigWithoutARecipeIsGanPys(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("config.json");
        RunFiles.writeJson(file, config(1));
        String text = Files.readString(file).replaceAll(",\\s*\"recipe\"\\s*:\\s*\"gan.py\"", "");
        assertFalse(text.contains("recipe"), text);
        Files.writeString(file, text);
        assertEquals(Recipe.GAN_PY, RunFiles.readJson(file, RunConfig.class).recipeChoice());
    }

    @Test
    void anUnknownRecipeOrOneMadeForAnotherModelIsRefused() {
        RunConfig c = config(1);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> new RunConfig("mlp",
                "digits", 1, 5, 256, 100, "non-saturating", 1, 2e-4, 0.5, 0.999, 5, 0.8, 0, 0, 0, "magic"));
        assertEquals("--recipe: unknown recipe 'magic'; available: gan.py, mode-covering", unknown.getMessage());
        IllegalArgumentException dcgan = assertThrows(IllegalArgumentException.class, () -> new RunConfig("dcgan",
                "digits", 1, 5, 256, 100, "non-saturating", 1, 2e-4, 0.5, 0.999, 5, 1e-5, 32, 8, 8, "mode-covering"));
        assertTrue(dcgan.getMessage().contains("--recipe mode-covering is made (and measured) for --model mlp"),
                dcgan.getMessage());
        assertEquals(Recipe.GAN_PY, c.recipeChoice(), "the short constructor is gan.py's recipe");
    }

    @Test
    void refusesToOverwriteARun(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        TrainingRun.start(config(1), dir).run(ProgressListener.SILENT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.start(config(1), dir));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }

    @Test
    void resumeOfAnEmptyDirectoryNamesWhatIsMissing(@TempDir Path tmp) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.resume(tmp, null));
        assertTrue(e.getMessage().contains("checkpoint.safetensors"), e.getMessage());
    }
}
