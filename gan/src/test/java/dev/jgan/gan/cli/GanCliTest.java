package dev.jgan.gan.cli;

import dev.jgan.gan.run.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GanCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return GanCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private void assertUsageError(String expected, String... args) {
        assertEquals(2, run(args), err.toString());
        String text = err.toString().strip();
        assertEquals(1, text.lines().count(), "one line: " + text);
        assertTrue(text.contains(expected), text);
    }

    @Test
    void helpListsTheSubcommands() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("train"), out.toString());
        assertTrue(out.toString().contains("sample"), out.toString());
    }

    @Test
    void unknownFlagIsOneLineAndExitCode2() {
        assertUsageError("--epocs", "train", "--epocs", "3", "--out", "x");
    }

    @Test
    void unknownModelIsOneLineAndExitCode2(@TempDir Path tmp) {
        assertUsageError("unknown model 'vae'", "train", "--model", "vae", "--out", tmp.resolve("r").toString());
    }

    @Test
    void missingDataPathIsOneLineAndExitCode2(@TempDir Path tmp) {
        assertUsageError("/no/such/dir", "train", "--data", "/no/such/dir", "--out", tmp.resolve("r").toString());
    }

    @Test
    void nonNumericEpochsIsOneLineAndExitCode2() {
        assertUsageError("--epochs", "train", "--epochs", "many", "--out", "x");
    }

    @Test
    void trainsThenSamplesAGridAndAnArray(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        assertEquals(0, run("train", "--epochs", "1", "--batch-size", "512", "--out", dir.toString(), "--no-progress"),
                err.toString());
        assertTrue(out.toString().contains("epoch 1/1: D loss"), out.toString());
        Path png = tmp.resolve("grid.png");
        Path npy = tmp.resolve("s.npy");
        Path checkpoint = dir.resolve(TrainingRun.CHECKPOINT);
        assertEquals(0, run("sample", "--checkpoint", checkpoint.toString(), "--n", "16", "--out", png.toString()),
                err.toString());
        assertEquals(4 * 66 + 2, ImageIO.read(png.toFile()).getWidth()); // 4 columns of 8 px x 8 scale + padding
        assertEquals(0, run("sample", "--checkpoint", checkpoint.toString(), "--n", "3", "--out", npy.toString()));
        byte[] bytes = Files.readAllBytes(npy);
        String header = new String(bytes, 10, bytes.length - 10 - 3 * 64 * 4, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(header.contains("'shape': (3, 1, 8, 8)"), header);
        assertEquals(0, (10 + header.length()) % 64, "data starts on a 64-byte boundary");
    }

    @Test
    void sampleWithoutACheckpointFileIsAUsageError(@TempDir Path tmp) {
        assertUsageError("no such file", "sample", "--checkpoint", tmp.resolve("none.safetensors").toString(),
                "--out", tmp.resolve("g.png").toString());
    }
}
