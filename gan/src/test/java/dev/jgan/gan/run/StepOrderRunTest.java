package dev.jgan.gan.run;

import dev.jgan.gan.train.GanLoss;
import dev.jgan.gan.train.GanTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code gan train --step-order}: recorded in config.json, used by the run, read back by --resume. */
class StepOrderRunTest {
    private static RunConfig config(String order) {
        return new RunConfig(ModelChoice.MLP, DataSource.DIGITS, 1, 5, 256, 100, GanLoss.NON_SATURATING, 1, 2e-4, 0.5,
                0.999, 5, 0.8, RunConfig.DATA_IMAGE_SIZE, 0, 0, order == null ? null : GanTrainer.StepOrder.parse(order));
    }

    @Test
    void ganPyOrderIsRecordedAndTrainsOtherwiseThanAlgorithmOne(@TempDir Path tmp) throws Exception {
        TrainingRun.start(config("gan.py"), tmp.resolve("ganpy")).run(ProgressListener.SILENT);
        TrainingRun.start(config(null), tmp.resolve("alg1")).run(ProgressListener.SILENT);
        RunConfig saved = TrainingRun.savedConfig(tmp.resolve("ganpy"));
        assertEquals(GanTrainer.StepOrder.GAN_PY, saved.stepOrder());
        assertEquals(GanTrainer.StepOrder.DISCRIMINATOR_FIRST, TrainingRun.savedConfig(tmp.resolve("alg1")).stepOrder());
        List<MetricsLog.Row> ganPy = MetricsLog.read(tmp.resolve("ganpy").resolve(RunDirectory.METRICS));
        List<MetricsLog.Row> alg1 = MetricsLog.read(tmp.resolve("alg1").resolve(RunDirectory.METRICS));
        assertEquals(alg1.size(), ganPy.size());
        assertNotEquals(alg1.get(0), ganPy.get(0), "the first step already differs: D's loss is halved");
    }

    @Test
    void aConfigWrittenBeforeStepOrdersReadsBackAsAlgorithmOne(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("config.json");
        RunFiles.writeJson(file, config(null));
        String old = Files.readString(file).replaceAll(",?\\s*\"stepOrder\"\\s*:\\s*\"[^\"]*\"", "");
        assertTrue(!old.contains("stepOrder"), old);
        Files.writeString(file, old);
        assertEquals(GanTrainer.StepOrder.DISCRIMINATOR_FIRST, RunFiles.readJson(file, RunConfig.class).stepOrder());
    }

    @Test
    void ganPyOrderRefusesSeveralDiscriminatorStepsAndUnknownNamesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RunConfig(ModelChoice.MLP,
                DataSource.DIGITS, 1, 5, 256, 100, GanLoss.NON_SATURATING, 2, 2e-4, 0.5, 0.999, 5, 0.8,
                RunConfig.DATA_IMAGE_SIZE, 0, 0, GanTrainer.StepOrder.GAN_PY));
        assertEquals("--step-order gan.py steps D once per G step; it cannot take --d-steps 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> config("ganpy"));
        assertTrue(e.getMessage().contains("got 'ganpy'"), e.getMessage());
    }
}
