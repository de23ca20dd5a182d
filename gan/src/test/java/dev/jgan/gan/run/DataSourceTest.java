package dev.jgan.gan.run;

import dev.jgan.gan.run.DataSource.Kind;
import dev.jgan.gan.train.GanLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --data parsed once into a kind and its text; config.json keeps the text, so old runs read back. */
class DataSourceTest {

    @Test
    void builtInNamesAreTheirKindAndAnythingElseIsADirectory() {
        assertEquals(new DataSource(Kind.DIGITS, "digits"), DataSource.parse("digits"));
        assertEquals(DataSource.DIGITS, DataSource.parse("digits"));
        assertEquals(Kind.FASHION_MNIST, DataSource.parse("fashion-mnist").kind());
        assertEquals(Kind.MNIST, DataSource.parse("mnist").kind());
        DataSource dir = DataSource.parse("data/cifar-10-batches-bin");
        assertEquals(Kind.DIRECTORY, dir.kind());
        assertEquals("data/cifar-10-batches-bin", dir.name());
        assertEquals("data/cifar-10-batches-bin", dir.toString(), "printed as the flag was typed");
    }

    @Test
    void blankDataAndMismatchedNamesAreRefusedNamingTheFlag() {
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> DataSource.parse(" "));
        assertEquals("--data: expected digits, fashion-mnist, mnist or a directory, got ' '", blank.getMessage());
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> new DataSource(Kind.MNIST, "digits"));
        assertEquals("--data: the built-in set MNIST is named 'mnist', not 'digits'", mismatch.getMessage());
    }

    @Test
    void aDirectoryIsCheckedWhenItIsUsedNotWhenItIsRead(@TempDir Path tmp) {
        Path missing = tmp.resolve("gone");
        DataSource source = DataSource.parse(missing.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, source::directory);
        assertEquals("--data: '" + missing + "' is neither digits, fashion-mnist, mnist nor a directory",
                e.getMessage());
        assertEquals(tmp, DataSource.parse(tmp.toString()).directory());
        assertThrows(IllegalStateException.class, DataSource.DIGITS::directory);
    }

    @Test
    void configJsonKeepsTheTextOfDataSoRunsWrittenBeforeTheTypeResume(@TempDir Path tmp) throws IOException {
        RunConfig config = new RunConfig(ModelChoice.MLP, DataSource.parse(tmp.toString()), 3, 5, 64, 100,
                GanLoss.NON_SATURATING, 1, 2e-4, 0.5, 0.999, 5, 0.8);
        String json = RunFiles.JSON.writeValueAsString(config);
        String escaped = RunFiles.JSON.writeValueAsString(tmp.toString());
        assertTrue(json.contains("\"data\" : " + escaped), json);
        assertEquals(config, RunFiles.readJson("config.json", json, RunConfig.class));

        // As config.json read when data was a plain string field: the same text, the same run.
        String old = """
                {"model": "mlp", "data": "digits", "epochs": 3, "seed": 5, "batchSize": 64, "latentDim": 100,
                 "loss": "non-saturating", "discriminatorSteps": 1, "lr": 2.0E-4, "beta1": 0.5, "beta2": 0.999,
                 "sampleEvery": 5, "batchNormEps": 0.8}
                """;
        assertEquals(DataSource.DIGITS, RunFiles.readJson("config.json", old, RunConfig.class).data());
    }
}
