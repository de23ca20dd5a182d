package dev.jgan.gan.cli;

import dev.jgan.core.random.Generator;
import dev.jgan.gan.io.Npy;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.run.RunCheckpoint;
import dev.jgan.gan.run.TinyMnist;
import dev.jgan.gan.run.RunConfig;
import dev.jgan.gan.run.RunDirectory;
import dev.jgan.gan.run.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GanCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return GanCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** One command's usage error: what earlier commands of the test printed is cleared first. */
    private void assertUsageError(String expected, String... args) {
        err.getBuffer().setLength(0);
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
        Path checkpoint = dir.resolve(RunDirectory.CHECKPOINT);
        assertEquals(0, run("sample", "--checkpoint", checkpoint.toString(), "--n", "16", "--out", png.toString()),
                err.toString());
        assertEquals(4 * 66 + 2, ImageIO.read(png.toFile()).getWidth()); // 4 columns of 8 px x 8 scale + padding
        assertEquals(0, run("sample", "--checkpoint", checkpoint.toString(), "--n", "3", "--out", npy.toString()));
        byte[] bytes = Files.readAllBytes(npy);
        String header = new String(bytes, 10, bytes.length - 10 - 3 * 64 * 4, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(header.contains("'shape': (3, 1, 8, 8)"), header);
        assertEquals(0, (10 + header.length()) % 64, "data starts on a 64-byte boundary");
    }

    /** A conditional run (the default on the digits) draws the class --label asks for; other runs refuse one. */
    @Test
    void samplesAConditionalRunForTheClassAskedFor(@TempDir Path tmp) throws Exception {
        Path conditional = tmp.resolve("conditional");
        assertEquals(0, run("train", "--epochs", "1", "--batch-size", "512", "--out", conditional.toString(),
                "--no-progress"), err.toString());
        Path checkpoint = conditional.resolve(RunDirectory.CHECKPOINT);
        Path threes = tmp.resolve("threes.npy");
        Path fives = tmp.resolve("fives.npy");
        assertEquals(0, run("sample", "--checkpoint", checkpoint.toString(), "--n", "4", "--label", "3", "--out",
                threes.toString()), err.toString());
        assertEquals(0, run("sample", "--checkpoint", checkpoint.toString(), "--n", "4", "--label", "5", "--out",
                fives.toString()), err.toString());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(threes), Files.readAllBytes(fives)),
                "the same noise asked for another class draws other images");
        assertUsageError("--label 10: the GAN was trained on classes 0..9 (or 'all' for each in turn)", "sample",
                "--checkpoint", checkpoint.toString(), "--label", "10", "--out", tmp.resolve("x.png").toString());
        Path all = tmp.resolve("all.png");
        assertEquals(0, run("sample", "--checkpoint", checkpoint.toString(), "--n", "20", "--label", "all", "--out",
                all.toString()), err.toString());
        assertEquals(10 * 66 + 2, ImageIO.read(all.toFile()).getWidth(), "a column per class"); // 8 px x 8 + padding
        Path rows = tmp.resolve("rows.png");
        assertEquals(0, run("sample", "--checkpoint", checkpoint.toString(), "--label", "all", "--out", rows.toString()),
                err.toString());
        assertEquals(8 * 66 + 2, ImageIO.read(rows.toFile()).getHeight(), "without --n, 8 whole rows of 10");
        assertTrue(out.toString().contains("wrote 80 samples to " + rows), out.toString());
        // Whole rows of one z each (Gan.classGrid), cut to --n: 15 samples are the first 15 of 20.
        Gan gan = RunCheckpoint.read(checkpoint).loadGan();
        Path fifteen = tmp.resolve("fifteen.npy");
        assertEquals(0, run("sample", "--checkpoint", checkpoint.toString(), "--n", "15", "--label", "all", "--out",
                fifteen.toString()), err.toString());
        Path expected = tmp.resolve("expected.npy");
        Npy.write(gan.sample(gan.classGrid(new Generator(0), 2)).narrow(0, 0, 15).contiguous(), expected);
        assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(fifteen), "--label all samples Gan.classGrid");

        Path plain = tmp.resolve("plain");
        assertEquals(0, run("train", "--recipe", "small-conv", "--epochs", "1", "--batch-size", "512", "--out",
                plain.toString(), "--no-progress"), err.toString());
        assertUsageError("only a run trained with --recipe conditional takes a class", "sample", "--checkpoint",
                plain.resolve(RunDirectory.CHECKPOINT).toString(), "--label", "3", "--out",
                tmp.resolve("y.png").toString());
    }

    @Test
    void trainsADcganThenSamplesItsCheckpoint(@TempDir Path tmp) throws Exception {
        Path data = TinyMnist.write(tmp.resolve("data"), 32, 3);
        Path dir = tmp.resolve("run");
        assertEquals(0, run("train", "--model", "dcgan", "--ngf", "8", "--ndf", "8", "--data", data.toString(),
                "--batch-size", "16", "--epochs", "1", "--out", dir.toString(), "--no-progress"), err.toString());
        assertTrue(out.toString().contains("32 images [1, 28, 28] padded with black to [1, 32, 32]"), out.toString());
        assertTrue(out.toString().contains("done: 2 steps"), out.toString());
        Path npy = tmp.resolve("s.npy");
        assertEquals(0, run("sample", "--checkpoint", dir.resolve(RunDirectory.CHECKPOINT).toString(), "--n", "3",
                "--out", npy.toString()), err.toString());
        byte[] bytes = Files.readAllBytes(npy);
        String header = new String(bytes, 10, bytes.length - 10 - 3 * 32 * 32 * 4, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'shape': (3, 1, 32, 32)"), header);
        FloatBuffer values = ByteBuffer.wrap(bytes, 10 + header.length(), 3 * 32 * 32 * 4)
                .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (int i = 0; i < values.limit(); i++) {
            assertTrue(Math.abs(values.get(i)) <= 1f, "sample value " + values.get(i) + " outside Tanh's range");
        }
    }

    @Test
    void dcganAtAnImageSizeItHasNoNetworkForIsAUsageError(@TempDir Path tmp) {
        assertUsageError("--image-size: dcgan is built for 32 or 64, got 28", "train", "--model", "dcgan",
                "--image-size", "28", "--out", tmp.resolve("r").toString());
    }

    @Test
    void convWidthsForTheMlpAreAUsageError(@TempDir Path tmp) {
        assertUsageError("--ngf and --ndf are the widths of dcgan", "train", "--ngf", "16", "--out",
                tmp.resolve("r").toString());
    }

    /**
     * The MLP GAN trains with the mode-covering recipe unless --recipe gan.py asks for gan.py's,
     * except on the digits, where the conditional recipe is the default; DCGAN with its own.
     */
    @Test
    void theRecipeIsModeCoveringForTheMlpUnlessAskedAndGanPyForDcgan(@TempDir Path tmp) throws Exception {
        Path data = TinyMnist.write(tmp.resolve("data"), 32, 3);
        String[] common = {"--data", data.toString(), "--batch-size", "16", "--epochs", "1", "--no-progress"};
        assertEquals(0, run(concat(new String[]{"train", "--out", tmp.resolve("mlp").toString()}, common)), err.toString());
        assertEquals(0, run(concat(new String[]{"train", "--recipe", "gan.py", "--out", tmp.resolve("gan.py").toString()},
                common)), err.toString());
        assertEquals(0, run(concat(new String[]{"train", "--model", "dcgan", "--ngf", "4", "--ndf", "4", "--out",
                tmp.resolve("dcgan").toString()}, common)), err.toString());
        assertEquals("mode-covering", TrainingRun.savedConfig(tmp.resolve("mlp")).recipe().cliName());
        assertEquals("gan.py", TrainingRun.savedConfig(tmp.resolve("gan.py")).recipe().cliName());
        assertEquals("gan.py", TrainingRun.savedConfig(tmp.resolve("dcgan")).recipe().cliName());
        assertEquals(0, run("train", "--data", "digits", "--batch-size", "256", "--epochs", "1", "--no-progress", "--out",
                tmp.resolve("digits").toString()), err.toString());
        RunConfig digits = TrainingRun.savedConfig(tmp.resolve("digits"));
        assertEquals("conditional", digits.recipe().cliName(), "the README's command trains the conditional recipe");
        assertEquals(1e-5, digits.batchNormEps(), "its BatchNorm eps, recorded as it is used");
        assertEquals(0, run("train", "--data", "digits", "--recipe", "mode-covering", "--batch-size", "256", "--epochs",
                "1", "--no-progress", "--out", tmp.resolve("digits-covering").toString()), err.toString());
        assertEquals(0.8, TrainingRun.savedConfig(tmp.resolve("digits-covering")).batchNormEps());
        assertUsageError("--recipe small-conv is made (and measured) for --model mlp", "train", "--model", "dcgan",
                "--recipe", "small-conv", "--out", tmp.resolve("r2").toString());
        assertUsageError("--recipe mode-covering is made (and measured) for --model mlp", "train", "--model", "dcgan",
                "--recipe", "mode-covering", "--out", tmp.resolve("r").toString());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void trainHelpNamesBothModelsAndTheImageSize() {
        assertEquals(0, run("train", "--help"));
        for (String word : List.of("mlp", "dcgan", "--image-size", "--ngf", "--ndf", "--recipe", "gan.py",
                "mode-covering")) {
            assertTrue(out.toString().contains(word), word + " in:\n" + out);
        }
    }

    @Test
    void sampleWithoutACheckpointFileIsAUsageError(@TempDir Path tmp) {
        assertUsageError("no such file", "sample", "--checkpoint", tmp.resolve("none.safetensors").toString(),
                "--out", tmp.resolve("g.png").toString());
    }
}
