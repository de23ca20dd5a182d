package dev.jgan.gan.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingRunTest {
    /** Batch 256 on the 1797 digits: 7 steps an epoch keeps the test short. */
    static RunConfig config(int epochs) {
        return new RunConfig("mlp", "digits", epochs, 5, 256, 100, "non-saturating", 1, 2e-4, 0.5, 0.999, 5, 0.8);
    }

    @Test
    void resumedRunTakesExactlyTheStepsOfAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        TrainingRun.start(config(3), straight).run(ProgressListener.SILENT);

        Path interrupted = tmp.resolve("interrupted");
        TrainingRun.start(config(1), interrupted).run(ProgressListener.SILENT);
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
