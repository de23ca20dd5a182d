package dev.jgan.gan.run;

import dev.jgan.gan.train.GanLoss;
import dev.jgan.gan.pictures.PlotPixels;
import dev.jgan.nn.data.Pad;
import dev.jgan.nn.data.Resize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DCGAN through the run machinery: image fitting, config checks, pictures, exact resume. */
class DcganRunTest {
    /** 48 images of 28x28 padded to 32x32, batch 16: three steps an epoch at widths 8. */
    static RunConfig config(Path data, int epochs) {
        return new RunConfig(ModelChoice.DCGAN, DataSource.parse(data.toString()), epochs, 7, 16, 100,
                GanLoss.NON_SATURATING, 1, 2e-4, 0.5, 0.999, 2, 1e-5, 32, 8, 8);
    }

    @Test
    void resumedRunTakesExactlyTheStepsOfAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        Path data = TinyMnist.write(tmp.resolve("data"), 48, 1);
        Path straight = tmp.resolve("straight");
        TrainingRun.start(config(data, 2), straight).run(ProgressListener.SILENT);

        Path interrupted = tmp.resolve("interrupted");
        TrainingRun first = TrainingRun.start(config(data, 1), interrupted);
        assertEquals(data + ": 48 images [1, 28, 28] padded with black to [1, 32, 32], scaled to [-1, 1]",
                first.dataDescription());
        first.run(ProgressListener.SILENT);
        TrainingRun.resume(interrupted, 2).run(ProgressListener.SILENT);

        List<MetricsLog.Row> a = MetricsLog.read(straight.resolve(RunDirectory.METRICS));
        List<MetricsLog.Row> b = MetricsLog.read(interrupted.resolve(RunDirectory.METRICS));
        assertEquals(6, a.size());
        assertEquals(a, b, "the loss sequence of the resumed run differs from the uninterrupted one");
        // The grids come from fixed noise and the resumed run retraces the straight one, so every
        // picture is the same, byte for byte.
        for (String f : List.of("samples/step_0000002.png", "samples/step_0000004.png", "samples/step_0000006.png",
                "samples/epoch_001.png", "samples/epoch_002.png", "samples.png")) {
            assertArrayEquals(Files.readAllBytes(straight.resolve(f)), Files.readAllBytes(interrupted.resolve(f)), f);
        }
        assertArrayEquals(Files.readAllBytes(interrupted.resolve("samples/epoch_002.png")),
                Files.readAllBytes(interrupted.resolve("samples.png")), "samples.png is the latest grid");
        BufferedImage grid = ImageIO.read(interrupted.resolve("samples.png").toFile());
        assertEquals(grid.getWidth(), grid.getHeight(), "64 samples in 8 rows of 8");
        assertTrue(grid.getWidth() >= 8 * 64, "32x32 samples enlarged to 64 px: " + grid.getWidth() + " px wide");
        BufferedImage losses = ImageIO.read(interrupted.resolve("losses.png").toFile());
        assertEquals(800, losses.getWidth());
        assertEquals(500, losses.getHeight());
        assertFalse(PlotPixels.of(losses).seriesPixels(0).isEmpty(), "the D loss curve is drawn");
    }

    @Test
    void configSurvivesTheCheckpointMetadata(@TempDir Path tmp) throws Exception {
        RunConfig c = config(tmp, 3);
        String json = RunFiles.JSON.writeValueAsString(c);
        assertEquals(c, RunFiles.readJson("metadata", json, RunConfig.class));
    }

    @Test
    void configsWrittenBeforeDcgansReadBackAsMlpRunsOnTheDataAsTheyCome() throws Exception {
        String old = "{\"model\":\"mlp\",\"data\":\"digits\",\"epochs\":3,\"seed\":5,\"batchSize\":256,\"latentDim\":100,"
                + "\"loss\":\"non-saturating\",\"discriminatorSteps\":1,\"lr\":2.0E-4,\"beta1\":0.5,\"beta2\":0.999,"
                + "\"sampleEvery\":5,\"batchNormEps\":0.8}";
        assertEquals(TrainingRunTest.config(3), RunFiles.readJson("metadata", old, RunConfig.class));
    }

    @Test
    void configsThatDoNotFitTheModelAreRefusedNamingTheFlag(@TempDir Path tmp) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RunConfig(ModelChoice.DCGAN,
                DataSource.DIGITS, 1, 0, 64, 100, GanLoss.NON_SATURATING, 1, 2e-4, 0.5, 0.999, 10, 1e-5, 28, 64, 64));
        assertEquals("--image-size: dcgan is built for 32 or 64, got 28", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RunConfig(ModelChoice.MLP, DataSource.DIGITS, 1, 0,
                64, 100, GanLoss.NON_SATURATING, 1, 2e-4, 0.5, 0.999, 10, 0.8, 0, 64, 64));
        assertTrue(e.getMessage().startsWith("--ngf and --ndf"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RunConfig(ModelChoice.DCGAN, DataSource.DIGITS, 1,
                0, 64, 100, GanLoss.NON_SATURATING, 1, 2e-4, 0.5, 0.999, 10, 1e-5, 32, 0, 64));
        assertTrue(e.getMessage().startsWith("--ngf and --ndf must be >= 1"), e.getMessage());
    }

    @Test
    void imagesArePaddedWhenSlightlySmallerAndResizedOtherwise() {
        assertInstanceOf(Pad.class, DataChoice.fit("mnist", new int[]{1, 28, 28}, 32));
        assertInstanceOf(Resize.class, DataChoice.fit("digits", new int[]{1, 8, 8}, 32));
        assertInstanceOf(Resize.class, DataChoice.fit("cifar", new int[]{3, 32, 32}, 64));
        assertInstanceOf(Resize.class, DataChoice.fit("mnist", new int[]{1, 28, 28}, 64));
        assertNull(DataChoice.fit("cifar", new int[]{3, 32, 32}, 32));
        assertNull(DataChoice.fit("digits", new int[]{1, 8, 8}, RunConfig.DATA_IMAGE_SIZE));
        assertArrayEquals(new int[]{1, 32, 32}, DataChoice.fit("mnist", new int[]{1, 28, 28}, 32)
                .outputShape(new int[]{1, 28, 28}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataChoice.fit("faces", new int[]{3, 28, 32}, 32));
        assertTrue(e.getMessage().contains("not square"), e.getMessage());
    }

    @Test
    void theMlpTakesAnImageSizeToo(@TempDir Path tmp) throws Exception {
        RunConfig c = new RunConfig(ModelChoice.MLP, DataSource.DIGITS, 1, 5, 512, 100, GanLoss.NON_SATURATING, 1,
                2e-4, 0.5, 0.999, 100, 0.8, 32, 0, 0);
        TrainingRun run = TrainingRun.start(c, tmp.resolve("run"));
        assertArrayEquals(new int[]{1, 32, 32}, run.gan().sampleShape());
        assertTrue(run.dataDescription().contains("resized bilinearly to [1, 32, 32]"), run.dataDescription());
    }
}
