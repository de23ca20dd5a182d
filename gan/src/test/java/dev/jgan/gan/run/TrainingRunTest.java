package dev.jgan.gan.run;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.pictures.PlotPixels;
import dev.jgan.gan.train.GanLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingRunTest {
    /** Batch 256 on the 1797 digits: 7 steps an epoch keeps the test short. */
    static RunConfig config(int epochs) {
        return new RunConfig(ModelChoice.MLP, DataSource.DIGITS, epochs, 5, 256, 100, GanLoss.NON_SATURATING, 1, 2e-4,
                0.5, 0.999, 5, 0.8);
    }

    /** The same run with another recipe. */
    static RunConfig config(int epochs, Recipe recipe) {
        RunConfig c = config(epochs);
        return new RunConfig(c.model(), c.data(), epochs, c.seed(), c.batchSize(), c.latentDim(), c.loss(),
                c.discriminatorSteps(), c.lr(), c.beta1(), c.beta2(), c.sampleEvery(), c.batchNormEps(), c.imageSize(),
                c.ngf(), c.ndf(), c.stepOrder(), recipe);
    }

    @ParameterizedTest
    @EnumSource(Recipe.class)
    void resumedRunTakesExactlyTheStepsOfAnUninterruptedOne(Recipe recipe, @TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        TrainingRun.start(config(3, recipe), straight).run(ProgressListener.SILENT);

        Path interrupted = tmp.resolve("interrupted");
        TrainingRun.start(config(1, recipe), interrupted).run(ProgressListener.SILENT);
        TrainingRun.resume(interrupted, 3).run(ProgressListener.SILENT);

        List<MetricsLog.Row> a = MetricsLog.read(straight.resolve(RunDirectory.METRICS));
        List<MetricsLog.Row> b = MetricsLog.read(interrupted.resolve(RunDirectory.METRICS));
        assertEquals(21, a.size());
        assertEquals(a, b, "the loss sequence of the resumed run differs from the uninterrupted one");
    }

    /**
     * Charts are drawn after the first epoch, then at most every {@link TrainingRun#CHART_INTERVAL_NANOS},
     * and after the last: a short run skips its middle epochs' drawings, yet leaves the charts of
     * its whole metrics log.
     */
    @Test
    void theChartsARunLeavesShowItsWholeLog(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        TrainingRun.start(config(3), dir).run(ProgressListener.SILENT);
        Path losses = tmp.resolve("losses.png");
        Path probabilities = tmp.resolve("probabilities.png");
        TrainingRun.drawCharts(dir.resolve(RunDirectory.METRICS), losses, probabilities);
        assertArrayEquals(Files.readAllBytes(losses), Files.readAllBytes(dir.resolve(RunDirectory.LOSSES_CHART)));
        assertArrayEquals(Files.readAllBytes(probabilities),
                Files.readAllBytes(dir.resolve(RunDirectory.PROBABILITIES_CHART)));
    }

    /**
     * wide-conv keeps an average of G's weights: it is in the checkpoint beside G, a resumed run
     * continues it to the same bits as a run that never stopped, and the checkpoint's generator (what
     * gan sample and gan eval draw from) is the average, not G as trained. Recipes without one save none.
     */
    @Test
    void theAverageOfGIsSavedResumedExactlyAndSampledFrom(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        TrainingRun.start(config(3, Recipe.WIDE_CONV), straight).run(ProgressListener.SILENT);
        Path interrupted = tmp.resolve("interrupted");
        TrainingRun.start(config(1, Recipe.WIDE_CONV), interrupted).run(ProgressListener.SILENT);
        TrainingRun.resume(interrupted, 3).run(ProgressListener.SILENT);

        RunCheckpoint a = RunCheckpoint.read(straight.resolve(RunDirectory.CHECKPOINT));
        RunCheckpoint b = RunCheckpoint.read(interrupted.resolve(RunDirectory.CHECKPOINT));
        assertTrue(a.hasGeneratorAverage());
        Map<String, Tensor> average = a.generatorState();
        Map<String, Tensor> resumed = b.generatorState();
        assertEquals(average.keySet(), resumed.keySet());
        average.forEach((key, t) -> assertArrayEquals(t.toFloatArray(), resumed.get(key).toFloatArray(),
                "average's " + key + " after resuming"));

        Map<String, Tensor> sampled = a.loadGan().generator().stateDict();
        Tensor trained = a.contents().tensors().get(RunCheckpoint.GENERATOR + ".0.weight");
        assertArrayEquals(average.get("0.weight").toFloatArray(), sampled.get("0.weight").toFloatArray());
        assertFalse(Arrays.equals(trained.toFloatArray(), sampled.get("0.weight").toFloatArray()),
                "the generator sampled from is the average, not G as trained");

        Path conv = tmp.resolve("conv");
        TrainingRun.start(config(1, Recipe.SMALL_CONV), conv).run(ProgressListener.SILENT);
        assertFalse(RunCheckpoint.read(conv.resolve(RunDirectory.CHECKPOINT)).hasGeneratorAverage());
    }

    /**
     * With two D steps per G step, G's optimizer makes its state at the second step; steps run in a
     * memory scope only once both optimizers have theirs, or G's state would be handed back to the
     * pool with the scope (this failed before: "used after the memory scope it was created in closed").
     */
    @Test
    void aRunWithTwoDiscriminatorStepsPerGeneratorStepTrains(@TempDir Path tmp) throws Exception {
        RunConfig c = config(2, Recipe.SMALL_CONV);
        RunConfig twoSteps = new RunConfig(c.model(), c.data(), c.epochs(), c.seed(), c.batchSize(), c.latentDim(),
                c.loss(), 2, c.lr(), c.beta1(), c.beta2(), c.sampleEvery(), c.batchNormEps(), c.imageSize(), c.ngf(),
                c.ndf(), c.stepOrder(), c.recipe());
        Summary summary = TrainingRun.start(twoSteps, tmp.resolve("k2")).run(ProgressListener.SILENT);
        List<MetricsLog.Row> rows = MetricsLog.read(tmp.resolve("k2").resolve(RunDirectory.METRICS));
        assertEquals(14, rows.size());
        assertEquals(7, rows.stream().filter(r -> !Double.isNaN(r.gLoss())).count(), "G steps every second step");
        assertNotNull(summary);
    }

    @Test
    void writesPicturesMetricsAndACheckpoint(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        RunConfig config = config(1);
        Summary s = TrainingRun.start(config, dir).run(ProgressListener.SILENT);
        assertEquals(7, s.steps());

        assertEquals(config, RunFiles.readJson(dir.resolve(RunDirectory.CONFIG), RunConfig.class), "config.json holds the config");
        assertEquals(s, RunFiles.readJson(dir.resolve(RunDirectory.SUMMARY), Summary.class), "summary.json holds the summary");
        List<MetricsLog.Row> rows = MetricsLog.read(dir.resolve(RunDirectory.METRICS));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), rows.stream().map(MetricsLog.Row::step).toList(), "one row a step");
        assertTrue(rows.stream().allMatch(r -> r.epoch() == 0), "all in epoch 0");
        assertEquals(rows.stream().mapToDouble(MetricsLog.Row::dReal).average().orElseThrow(), s.lastEpochDReal(), 1e-12,
                "the summary's D(x) is the last epoch's mean");
        assertEquals(rows.stream().mapToDouble(MetricsLog.Row::dLoss).average().orElseThrow(), s.lastEpochDLoss(), 1e-12);

        RunCheckpoint checkpoint = RunCheckpoint.read(dir.resolve(RunDirectory.CHECKPOINT));
        assertEquals(0, checkpoint.epoch());
        assertEquals(7, checkpoint.step());
        assertEquals(config, checkpoint.config());

        // One grid every --sample-every 5 steps and one per epoch; samples.png is the latest.
        try (var grids = Files.list(dir.resolve(RunDirectory.SAMPLES))) {
            assertEquals(List.of("epoch_001.png", "step_0000005.png"),
                    grids.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("samples/epoch_001.png")), Files.readAllBytes(dir.resolve("samples.png")));
        BufferedImage grid = ImageIO.read(dir.resolve("samples.png").toFile());
        assertEquals(grid.getWidth(), grid.getHeight(), "64 samples in 8 rows of 8");
        assertTrue(grid.getWidth() >= 8 * 64, "8x8 digits enlarged to 64 px: " + grid.getWidth() + " px wide");

        for (String chart : List.of("losses.png", "probabilities.png")) {
            BufferedImage img = ImageIO.read(dir.resolve(chart).toFile());
            assertEquals(800, img.getWidth(), chart);
            assertEquals(500, img.getHeight(), chart);
            PlotPixels plot = PlotPixels.of(img);
            assertTrue(plot.seriesPixels(0).size() > 50 && plot.seriesPixels(1).size() > 50,
                    chart + " shows both of its curves in the plot area");
        }
        assertTrue(Files.readString(dir.resolve(RunDirectory.REPORT)).contains("losses.png"), "the report shows the charts");
    }

    /** A conditional run's grid has a column per class, each asking for its class, in 8 rows of one z each. */
    @Test
    void aConditionalRunDrawsAColumnPerClass(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        TrainingRun.start(config(1, Recipe.CONDITIONAL), dir).run(ProgressListener.SILENT);
        BufferedImage grid = ImageIO.read(dir.resolve("samples.png").toFile());
        assertEquals(10.0 / 8, (double) grid.getWidth() / grid.getHeight(), 0.02,
                "80 samples, 10 columns by 8 rows: " + grid.getWidth() + " x " + grid.getHeight());

        Gan gan = TrainingRun.buildGan(config(1, Recipe.CONDITIONAL), new int[]{1, 8, 8});
        Tensor noise = TrainingRun.gridNoise(gan, new Generator(1));
        float[] labels = gan.labels(noise).contiguous().toFloatArray();
        assertEquals(80 * 10, labels.length);
        for (int i = 0; i < 80; i++) {
            assertEquals(1f, labels[i * 10 + i % 10], "sample " + i + " (row " + i / 10 + ", column " + i % 10
                    + ") asks for the column's class");
        }
        assertArrayEquals(gan.classGrid(new Generator(1), 8).toFloatArray(), noise.toFloatArray(),
                "one z per row (Gan.classGrid)");
    }

    @Test
    void configJsonSpellsTheModelLossAndOrderAsTheFlagsDoAndNamesAnUnknownOne(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(RunDirectory.CONFIG);
        RunFiles.writeJson(file, config(1));
        String text = Files.readString(file);
        for (String entry : List.of("\"model\" : \"mlp\"", "\"loss\" : \"non-saturating\"", "\"stepOrder\" : \"algorithm-1\"")) {
            assertTrue(text.contains(entry), entry + " in " + text);
        }
        assertEquals(config(1), RunFiles.readJson(file, RunConfig.class));
        Files.writeString(file, text.replace("\"mlp\"", "\"vae\""));
        IOException e = assertThrows(IOException.class, () -> RunFiles.readJson(file, RunConfig.class));
        assertTrue(e.getMessage().startsWith(file + ": field 'model': --model: unknown model 'vae'"), e.getMessage());
    }

    /** The recipes train differently from the first step on: D's loss differs as soon as D does. */
    @Test
    void theRecipeChangesTheTrainingAndIsSavedWithTheRun(@TempDir Path tmp) throws Exception {
        TrainingRun.start(config(1, Recipe.GAN_PY), tmp.resolve("gan.py")).run(ProgressListener.SILENT);
        TrainingRun.start(config(1, Recipe.MODE_COVERING), tmp.resolve("covering")).run(ProgressListener.SILENT);
        TrainingRun.start(config(1, Recipe.SMALL_CONV), tmp.resolve("conv")).run(ProgressListener.SILENT);
        List<MetricsLog.Row> a = MetricsLog.read(tmp.resolve("gan.py").resolve(RunDirectory.METRICS));
        List<MetricsLog.Row> b = MetricsLog.read(tmp.resolve("covering").resolve(RunDirectory.METRICS));
        List<MetricsLog.Row> c = MetricsLog.read(tmp.resolve("conv").resolve(RunDirectory.METRICS));
        assertNotEquals(a.get(0).dLoss(), b.get(0).dLoss());
        assertNotEquals(a.get(0).dLoss(), c.get(0).dLoss());
        assertEquals(Recipe.SMALL_CONV, TrainingRun.savedConfig(tmp.resolve("conv")).recipe());
        assertEquals(Recipe.MODE_COVERING, TrainingRun.savedConfig(tmp.resolve("covering")).recipe());
        assertEquals(Recipe.MODE_COVERING, RunCheckpoint.read(tmp.resolve("covering").resolve(RunDirectory.CHECKPOINT))
                .config().recipe());
    }

    /** A config.json written before recipes existed has no "recipe": such runs trained with gan.py's. */
    @Test
    void aConfigWithoutARecipeIsGanPys(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("config.json");
        RunFiles.writeJson(file, config(1));
        String text = Files.readString(file).replaceAll(",\\s*\"recipe\"\\s*:\\s*\"gan.py\"", "");
        assertFalse(text.contains("recipe"), text);
        Files.writeString(file, text);
        assertEquals(Recipe.GAN_PY, RunFiles.readJson(file, RunConfig.class).recipe());
    }

    @Test
    void anUnknownRecipeOrOneMadeForAnotherModelIsRefused() {
        RunConfig c = config(1);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Recipe.parse("magic"));
        assertEquals("--recipe: unknown recipe 'magic'; available: gan.py, mode-covering, small-conv, wide-conv, conditional", unknown.getMessage());
        IllegalArgumentException dcgan = assertThrows(IllegalArgumentException.class, () -> new RunConfig(
                ModelChoice.DCGAN, DataSource.DIGITS, 1, 5, 256, 100, GanLoss.NON_SATURATING, 1, 2e-4, 0.5, 0.999, 5,
                1e-5, 32, 8, 8, null, Recipe.MODE_COVERING));
        assertTrue(dcgan.getMessage().contains("--recipe mode-covering is made (and measured) for --model mlp"),
                dcgan.getMessage());
        assertEquals(Recipe.GAN_PY, c.recipe(), "the short constructor is gan.py's recipe");
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
