package dev.jgan.gan.cli;

import dev.jgan.core.Tensor;
import dev.jgan.gan.run.TrainingRun;
import dev.jgan.gan.run.RunDirectory;
import dev.jgan.nn.io.SafeTensorsFile;
import dev.jgan.nn.io.SafeTensorsReader;
import dev.jgan.nn.io.SafeTensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run killed at any moment resumes to the trajectory of one that never stopped, and a command
 * that fails leaves the run directory as it found it (issue 18). Runs are the embedded digits at
 * batch 256: 7 steps an epoch.
 */
class CrashAndResumeTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return GanCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private void train(Path dir, int epochs) {
        assertEquals(0, run("train", "--batch-size", "256", "--sample-every", "5", "--epochs", Integer.toString(epochs),
                "--out", dir.toString(), "--no-progress"), err.toString());
    }

    /** A finished one-epoch run in {@code tmp/run}. */
    private Path oneEpochRun(Path tmp) {
        Path dir = tmp.resolve("run");
        train(dir, 1);
        return dir;
    }

    private String usageError(String... args) {
        err.getBuffer().setLength(0);
        assertEquals(2, run(args), err.toString());
        String text = err.toString().strip();
        assertEquals(1, text.lines().count(), "one line: " + text);
        return text;
    }

    /** Every file of a run directory with its bytes, to show a failed command changed nothing. */
    static Map<String, byte[]> snapshot(Path dir) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    static void assertSameFiles(Map<String, byte[]> before, Path dir) throws Exception {
        Map<String, byte[]> after = snapshot(dir);
        assertEquals(before.keySet(), after.keySet(), "the files of " + dir);
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " changed"));
    }

    static void assertSameTrajectory(Path expected, Path actual) throws Exception {
        assertEquals(Files.readAllLines(expected.resolve(RunDirectory.METRICS)),
                Files.readAllLines(actual.resolve(RunDirectory.METRICS)), "metrics.csv");
        SafeTensorsFile a = SafeTensorsReader.read(expected.resolve(RunDirectory.CHECKPOINT));
        SafeTensorsFile b = SafeTensorsReader.read(actual.resolve(RunDirectory.CHECKPOINT));
        assertEquals(a.tensors().keySet(), b.tensors().keySet());
        a.tensors().forEach((name, t) -> assertArrayEquals(t.toFloatArray(), b.tensors().get(name).toFloatArray(), name));
        for (String key : List.of("run.step", "run.epoch", "run.noise_offset")) {
            assertEquals(a.metadata().get(key), b.metadata().get(key), key);
        }
    }

    @Test
    void aKillMidEpochTearsMetricsCsvAndResumeGivesTheUninterruptedTrajectory(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        train(straight, 3);

        Path killed = tmp.resolve("killed");
        train(killed, 1);
        // What a kill -9 during epoch 2 leaves: rows after the checkpoint, the buffer's last spill
        // ending mid-row, and the temporary file of a checkpoint write that never finished.
        Files.writeString(killed.resolve(RunDirectory.METRICS), "7,1,1.38,0.69,0.50,0.49\n8,1,1.37,0.7",
                StandardOpenOption.APPEND);
        Path leftover = killed.resolve(".checkpoint.safetensors.5f3a.tmp");
        Files.write(leftover, new byte[1000]);
        Path oldStyleLeftover = killed.resolve(".checkpoint.safetensors8812345.tmp");
        Files.write(oldStyleLeftover, new byte[1000]);

        assertEquals(0, run("train", "--resume", killed.toString(), "--epochs", "3", "--no-progress"), err.toString());
        assertSameTrajectory(straight, killed);
        assertFalse(Files.exists(leftover), "the interrupted checkpoint write's temporary file is cleaned up");
        assertFalse(Files.exists(oldStyleLeftover));
    }

    /**
     * The real thing: a {@code gan train} process killed with SIGKILL in its second epoch, right
     * after metrics.csv's 8 KiB buffer has spilled rows of that epoch to disk ending mid-row (the
     * issue's crash), then resumed. Batch 4 makes 449 steps (about 20 KB of rows) an epoch, so the
     * buffer spills about twice in it.
     */
    @Test
    void aRealKillMidEpochIsResumableToTheSameTrajectory(@TempDir Path tmp) throws Exception {
        String[] flags = {"--batch-size", "4", "--sample-every", "100000", "--epochs", "2", "--no-progress"};
        Path straight = tmp.resolve("straight");
        List<String> args = new ArrayList<>(List.of("train", "--out", straight.toString()));
        args.addAll(List.of(flags));
        assertEquals(0, run(args.toArray(String[]::new)), err.toString());

        Path killed = tmp.resolve("killed");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), GanCli.class.getName(),
                "train", "--out", killed.toString()));
        command.addAll(List.of(flags));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile())
                .start();
        Path metrics = killed.resolve(RunDirectory.METRICS);
        byte[] log;
        try {
            Path checkpoint = killed.resolve(RunDirectory.CHECKPOINT);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            int sizeAtCheckpoint = -1;
            while (true) {
                assertTrue(p.isAlive(), "the run ended before a torn row appeared: " + Files.readString(tmp.resolve("log")));
                assertTrue(System.nanoTime() < deadline, "the training process did not reach epoch 2 in time");
                if (Files.exists(checkpoint)) {
                    log = Files.readAllBytes(metrics);
                    if (sizeAtCheckpoint < 0) {
                        sizeAtCheckpoint = log.length; // epoch 1's rows, flushed before the checkpoint
                    } else if (log.length > sizeAtCheckpoint && log[log.length - 1] != '\n') {
                        break;
                    }
                }
                Thread.sleep(1);
            }
        } finally {
            p.destroyForcibly(); // SIGKILL on Linux
            p.waitFor();
        }
        log = Files.readAllBytes(metrics);
        assertTrue(log[log.length - 1] != '\n', "the kill left metrics.csv ending mid-row");
        assertEquals(0, run("train", "--resume", killed.toString(), "--no-progress"), err.toString());
        assertSameTrajectory(straight, killed);
    }

    @Test
    void metricsCsvWithAnUnfinishedLastLineIsNamedWhenReadOutsideResume(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("metrics.csv");
        Files.writeString(file, "step,epoch,d_loss,g_loss,d_real,d_fake\n0,0,1.3,0.7,0.5,0.5\n1,0,1.");
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> dev.jgan.gan.run.MetricsLog.read(file));
        assertTrue(e.getMessage().contains("metrics.csv: line 3 is unfinished"), e.getMessage());
    }

    @Test
    void aBadNumberInMetricsCsvNamesTheFileLineAndField(@TempDir Path tmp) throws Exception {
        Path dir = oneEpochRun(tmp);
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve(RunDirectory.METRICS)));
        lines.set(3, lines.get(3).replaceFirst("^(\\d+,\\d+,)[^,]+", "$1abc"));
        Files.write(dir.resolve(RunDirectory.METRICS), lines);
        Map<String, byte[]> before = snapshot(dir);
        String text = usageErrorOrFailure("train", "--resume", dir.toString(), "--epochs", "2", "--no-progress");
        assertTrue(text.contains("metrics.csv: line 4, field d_loss: 'abc' is not a number"), text);
        assertSameFiles(before, dir); // config.json keeps its 1 epoch
    }

    /** Exit code 1 or 2, one line on stderr. */
    private String usageErrorOrFailure(String... args) {
        err.getBuffer().setLength(0);
        int code = run(args);
        assertTrue(code == 1 || code == 2, "exit code " + code + ": " + err);
        String text = err.toString().strip();
        assertEquals(1, text.lines().count(), "one line: " + text);
        return text;
    }

    @Test
    void resumeToFewerEpochsThanDoneIsRefusedAndChangesNothing(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        train(dir, 2);
        Map<String, byte[]> before = snapshot(dir);
        String text = usageError("train", "--resume", dir.toString(), "--epochs", "1");
        assertTrue(text.contains("--epochs 1: the run in " + dir + " has already trained 2 epochs"), text);
        text = usageError("train", "--resume", dir.toString());
        assertTrue(text.contains("has trained all the 2 epochs of its config; add --epochs N with N > 2"), text);
        assertSameFiles(before, dir);
    }

    @Test
    void flagsThatWouldChangeAResumedRunAreRefusedNotIgnored(@TempDir Path tmp) throws Exception {
        Path dir = oneEpochRun(tmp);
        Map<String, byte[]> before = snapshot(dir);
        String text = usageError("train", "--resume", dir.toString(), "--epochs", "2", "--lr", "0.1",
                "--batch-size", "32", "--recipe", "gan.py");
        assertTrue(text.contains("cannot change --batch-size 32 (the run has 256), --lr 0.1 (the run has 2.0E-4),"
                + " --recipe gan.py (the run has conditional)"), text);
        assertSameFiles(before, dir);
        // The original command line with --resume added repeats the saved settings: that is no change.
        assertEquals(0, run("train", "--resume", dir.toString(), "--epochs", "2", "--batch-size", "256",
                "--sample-every", "5", "--no-progress"), err.toString());
    }

    @Test
    void aCheckpointWithNaNWeightsIsRefusedBySampleEvalAndResumeNamingTheTensor(@TempDir Path tmp) throws Exception {
        Path dir = oneEpochRun(tmp);
        Path checkpoint = dir.resolve(RunDirectory.CHECKPOINT);
        SafeTensorsFile file = SafeTensorsReader.read(checkpoint);
        Map<String, Tensor> tensors = new LinkedHashMap<>(file.tensors());
        String victim = tensors.keySet().stream().filter(k -> k.startsWith("generator.")).findFirst().orElseThrow();
        float[] values = tensors.get(victim).toFloatArray();
        values[values.length / 2] = Float.NaN;
        tensors.put(victim, Tensor.fromArray(values, tensors.get(victim).shape()));
        SafeTensorsWriter.write(checkpoint, tensors, file.metadata());
        Map<String, byte[]> before = snapshot(dir);

        String expected = "tensor '" + victim + "' holds 1 non-finite value (NaN)";
        String text = usageErrorOrFailure("sample", "--checkpoint", checkpoint.toString(), "--out",
                tmp.resolve("s.png").toString());
        assertTrue(text.contains(checkpoint + ": " + expected), text);
        assertFalse(Files.exists(tmp.resolve("s.png")));
        text = usageErrorOrFailure("eval", "--checkpoint", checkpoint.toString(), "--n", "100", "--out",
                tmp.resolve("m.json").toString());
        assertTrue(text.contains(expected), text);
        text = usageErrorOrFailure("train", "--resume", dir.toString(), "--epochs", "2");
        assertTrue(text.contains(expected), text);
        assertSameFiles(before, dir);
    }

    @Test
    void corruptCheckpointMetadataIsNamedAndLeavesTheRunAsItWas(@TempDir Path tmp) throws Exception {
        Path dir = oneEpochRun(tmp);
        Path checkpoint = dir.resolve(RunDirectory.CHECKPOINT);
        SafeTensorsFile file = SafeTensorsReader.read(checkpoint);
        Map<String, String[]> cases = Map.of(
                "run.step", new String[]{"seven", "metadata 'run.step' is 'seven'; expected a whole number from 0 to"},
                "run.noise_offset", new String[]{"-3", "metadata 'run.noise_offset' is '-3'; expected a whole number"},
                "run.config", new String[]{"{\"model\": \"mlp\"", "metadata 'run.config': not valid JSON"});
        for (var c : cases.entrySet()) {
            Map<String, String> meta = new LinkedHashMap<>(file.metadata());
            meta.put(c.getKey(), c.getValue()[0]);
            SafeTensorsWriter.write(checkpoint, file.tensors(), meta);
            Map<String, byte[]> before = snapshot(dir);
            String text = usageErrorOrFailure("train", "--resume", dir.toString(), "--epochs", "3");
            assertTrue(text.contains(checkpoint + ": " + c.getValue()[1]), text);
            assertSameFiles(before, dir);
            text = usageErrorOrFailure("sample", "--checkpoint", checkpoint.toString(), "--out",
                    tmp.resolve("s.npy").toString());
            assertTrue(text.contains(c.getValue()[1]), text);
        }
    }

    @Test
    void emptyOrMalformedConfigJsonIsNamedWithTheField(@TempDir Path tmp) throws Exception {
        Path dir = oneEpochRun(tmp);
        Path config = dir.resolve(RunDirectory.CONFIG);
        String good = Files.readString(config);
        Files.writeString(config, "");
        String text = usageErrorOrFailure("train", "--resume", dir.toString(), "--epochs", "2");
        assertTrue(text.startsWith("gan: " + config + ": is empty; expected a run's config"), text);
        Files.writeString(config, good.replaceFirst("\"epochs\" : \\d+", "\"epochs\" : \"many\""));
        text = usageErrorOrFailure("train", "--resume", dir.toString(), "--epochs", "2");
        assertTrue(text.contains(config + ": field 'epochs'"), text);
        Files.writeString(config, good.replaceFirst("\"lr\" : [^,]+", "\"lr\" : -1"));
        text = usageErrorOrFailure("train", "--resume", dir.toString(), "--epochs", "2");
        assertTrue(text.contains(config + ": --lr -1.0: the learning rate must be a finite number > 0"), text);
    }

    @Test
    void aCheckpointPathThatIsADirectoryIsNamed(@TempDir Path tmp) throws Exception {
        Path dir = oneEpochRun(tmp);
        String text = usageError("sample", "--checkpoint", dir.toString(), "--out", tmp.resolve("s.png").toString());
        assertTrue(text.contains(dir + ": is a directory, not a checkpoint; the run's checkpoint is "
                + dir.resolve(RunDirectory.CHECKPOINT)), text);
    }

    @Test
    void aStartThatFailsBeforeTrainingCreatesNothing(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Path empty = Files.createDirectories(tmp.resolve("no-images"));
        usageError("train", "--data", empty.toString(), "--out", dir.toString());
        assertFalse(Files.exists(dir), "a failed start created " + dir);
        usageError("train", "--batch-size", "5000", "--out", dir.toString());
        assertFalse(Files.exists(dir), "a failed start created " + dir);
    }

    @Test
    void resumeOfADirectoryWithoutARunSaysWhatIsMissing(@TempDir Path tmp) throws Exception {
        String text = usageError("train", "--resume", tmp.toString());
        assertTrue(text.contains(tmp + " has no config.json and checkpoint.safetensors"), text);
        Files.writeString(tmp.resolve(RunDirectory.CHECKPOINT), "");
        text = usageError("train", "--resume", tmp.toString());
        assertTrue(text.contains(tmp + " has a checkpoint.safetensors but no config.json"), text);
    }

    @Test
    void aRunThatCrashedInItsFirstEpochSaysHowToRestartAndCanBe(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        err.getBuffer().setLength(0);
        assertEquals(1, run("train", "--lr", "1e30", "--batch-size", "256", "--epochs", "1", "--out", dir.toString(),
                "--no-progress"));
        assertTrue(err.toString().contains("the learning rate is too large: --lr is 1.0E30"), err.toString());
        assertTrue(Files.exists(dir.resolve(RunDirectory.CONFIG)));

        String text = usageError("train", "--resume", dir.toString());
        assertTrue(text.contains("has no checkpoint.safetensors: its run never finished its first epoch; start it"
                + " again with --out " + dir), text);
        out.getBuffer().setLength(0);
        train(dir, 1);
        assertTrue(out.toString().contains("never finished its first epoch (no checkpoint); starting it again"), out.toString());
        assertTrue(Files.exists(dir.resolve(RunDirectory.CHECKPOINT)));
    }

    @Test
    void everyFileOfARunHasTheModeOfConfigJson(@TempDir Path tmp) throws Exception {
        Path dir = oneEpochRun(tmp);
        assertEquals(0, run("eval", "--checkpoint", dir.resolve(RunDirectory.CHECKPOINT).toString(), "--n", "100",
                "--features", "pixels"), err.toString());
        var mode = Files.getPosixFilePermissions(dir.resolve(RunDirectory.CONFIG));
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                assertEquals(PosixFilePermissions.toString(mode), PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(p)), dir.relativize(p).toString());
            }
        }
    }

    @Test
    void theLearningRateMustBeFiniteAndPositive(@TempDir Path tmp) {
        for (String lr : List.of("1e400", "0", "-1e-4", "NaN")) {
            String text = usageError("train", "--lr", lr, "--out", tmp.resolve("r").toString());
            assertTrue(text.contains("the learning rate must be a finite number > 0"), text);
        }
        assertFalse(Files.exists(tmp.resolve("r")));
    }

    @Test
    void sizesBeyondTheirLimitNameTheFlag(@TempDir Path tmp) throws Exception {
        String text = usageError("train", "--latent-dim", "2000000000", "--out", tmp.resolve("r").toString());
        assertTrue(text.contains("--latent-dim 2000000000: at most 10000"), text);
        text = usageError("train", "--image-size", "50000", "--out", tmp.resolve("r").toString());
        assertTrue(text.contains("--image-size 50000: at most 512"), text);
        Path dir = oneEpochRun(tmp);
        text = usageError("sample", "--checkpoint", dir.resolve(RunDirectory.CHECKPOINT).toString(), "--n", "2000000000",
                "--out", tmp.resolve("s.npy").toString());
        assertTrue(text.contains("--n 2000000000: at most 524288 samples of [1, 8, 8]"), text);
    }

    /**
     * A data set whose header promises more images than the heap holds is refused before any is
     * read. The files are sparse: the header is real, the rest a hole that takes no disk.
     */
    @Test
    void aDataSetLargerThanTheHeapIsRefusedBeforeLoading(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("huge"));
        int count = (int) Math.min(Integer.MAX_VALUE - 1, Runtime.getRuntime().maxMemory() / 784 + 1);
        try (var images = new java.io.RandomAccessFile(data.resolve("train-images-idx3-ubyte").toFile(), "rw");
             var labels = new java.io.RandomAccessFile(data.resolve("train-labels-idx1-ubyte").toFile(), "rw")) {
            images.writeInt(0x803);
            images.writeInt(count);
            images.writeInt(28);
            images.writeInt(28);
            images.setLength(16 + (long) count * 784);
            labels.writeInt(0x801);
            labels.writeInt(count);
            labels.setLength(8 + (long) count);
        }
        String text = usageError("train", "--data", data.toString(), "--out", tmp.resolve("r").toString());
        assertTrue(text.contains("--data " + data + ": the training images (" + (long) count * 784 + " pixel values)"
                + " need about"), text);
        assertTrue(text.contains("JAVA_OPTS=-Xmx"), text);
        assertFalse(Files.exists(tmp.resolve("r")));
    }

    @Test
    void aDataDirectoryWithoutReadPermissionSaysSo(@TempDir Path tmp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root reads every directory, so permissions cannot be taken away from it");
        Path data = Files.createDirectories(tmp.resolve("locked"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("-wx------"));
        try {
            String text = usageError("train", "--data", data.toString(), "--out", tmp.resolve("r").toString());
            assertTrue(text.contains("'" + data + "' exists but cannot be read (permission denied)"), text);
        } finally {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
