package dev.jgan.gan.cli;

import dev.jgan.core.Device;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backends;
import dev.jgan.gan.run.MetricsLog;
import dev.jgan.gan.run.RunDirectory;
import dev.jgan.gan.run.TinyMnist;
import dev.jgan.gan.run.TrainingRun;
import dev.jgan.nn.io.SafeTensorsReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code gan train --device ...}: the whole command (data, models, Adam, checkpoints, pictures)
 * on the CUDA backend, here on its CPU emulator (the same kernels, launch code and allocator as
 * on a GPU, {@code -Djgan.cuda.driver=emulator}), against the same command on the CPU: every
 * logged loss and probability and every weight of the checkpoint agree to float32 rounding.
 * And the failures: {@code cuda} without a GPU is one line and exit code 2, {@code auto} falls
 * back to the CPU and says why.
 */
class TrainOnDeviceTest {
    private static final String DRIVER = "jgan.cuda.driver";

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @AfterEach
    void clearProperties() {
        System.clearProperty(DRIVER);
        System.clearProperty("jgan.cuda.matmul");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return GanCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Puts the emulator behind cuda:0, or skips (visibly) where it was not built. */
    private static void useEmulator() {
        System.setProperty(DRIVER, "emulator");
        String reason = "";
        try {
            Backends.forDevice(Device.cuda(0));
        } catch (IllegalStateException e) {
            reason = e.getMessage();
        }
        assumeTrue(reason.isEmpty(), "the CUDA emulator is not available: " + reason);
    }

    /** Skips (visibly) on a machine where cuda:0 works: the fallback cases need one where it does not. */
    private static String gpuUnavailableReason() {
        try {
            Backends.forDevice(Device.cuda(0));
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        assumeTrue(false, "cuda:0 is available here; the no-GPU cases cannot run");
        return "";
    }

    @Test
    void mlpGanOnTheEmulatorFollowsTheCpu(@TempDir Path tmp) throws IOException {
        Path data = TinyMnist.write(tmp.resolve("data"), 32, 5);
        // 8x8 images and a small batch: two steps of gan.py's network, 1024-wide layers included.
        String[] args = {"--data", data.toString(), "--image-size", "8", "--latent-dim", "16", "--batch-size", "16",
                "--epochs", "1", "--no-progress"};
        trainBoth(tmp, args, "done: 2 steps");
    }

    /** The conditional recipe: labels one-hot on the device, a narrowed view of the noise into the projection. */
    @Test
    void conditionalGanOnTheEmulatorFollowsTheCpu(@TempDir Path tmp) throws IOException {
        Path data = TinyMnist.write(tmp.resolve("data"), 32, 7);
        String[] args = {"--recipe", "conditional", "--data", data.toString(), "--image-size", "8", "--latent-dim",
                "16", "--batch-size", "16", "--epochs", "1", "--no-progress"};
        trainBoth(tmp, args, "done: 2 steps");
    }

    @Test
    void dcganOnTheEmulatorFollowsTheCpu(@TempDir Path tmp) throws IOException {
        Path data = TinyMnist.write(tmp.resolve("data"), 16, 6);
        String[] args = {"--model", "dcgan", "--ngf", "4", "--ndf", "4", "--latent-dim", "8", "--data", data.toString(),
                "--batch-size", "8", "--epochs", "1", "--no-progress"};
        trainBoth(tmp, args, "done: 2 steps");
    }

    /** Trains the same run on the CPU and on cuda (the emulator) and compares what they wrote. */
    private void trainBoth(Path tmp, String[] args, String done) throws IOException {
        Path cpuDir = tmp.resolve("cpu");
        assertEquals(0, run(concat(args, "--device", "cpu", "--out", cpuDir.toString())), err.toString());
        useEmulator();
        Path cudaDir = tmp.resolve("cuda");
        assertEquals(0, run(concat(args, "--device", "cuda", "--out", cudaDir.toString())), err.toString());
        assertTrue(out.toString().contains("device: cuda:0, cuda backend on CUDA emulator"), out.toString());
        assertTrue(out.toString().contains(done), out.toString());

        List<MetricsLog.Row> cpu = MetricsLog.read(cpuDir.resolve(RunDirectory.METRICS));
        List<MetricsLog.Row> cuda = MetricsLog.read(cudaDir.resolve(RunDirectory.METRICS));
        assertEquals(cpu.size(), cuda.size());
        for (int i = 0; i < cpu.size(); i++) {
            MetricsLog.Row a = cpu.get(i);
            MetricsLog.Row b = cuda.get(i);
            double[][] pairs = {{a.dLoss(), b.dLoss()}, {a.gLoss(), b.gLoss()}, {a.dReal(), b.dReal()},
                    {a.dFake(), b.dFake()}};
            for (double[] p : pairs) {
                assertEquals(p[0], p[1], 1e-4 * Math.max(1, Math.abs(p[0])), "step " + i + ": " + a + " vs " + b);
            }
        }
        Map<String, Tensor> cpuWeights = SafeTensorsReader.read(cpuDir.resolve(RunDirectory.CHECKPOINT)).tensors();
        Map<String, Tensor> cudaWeights = SafeTensorsReader.read(cudaDir.resolve(RunDirectory.CHECKPOINT)).tensors();
        assertEquals(cpuWeights.keySet(), cudaWeights.keySet());
        for (String key : cpuWeights.keySet()) {
            double[] x = cpuWeights.get(key).toDoubleArray();
            double[] y = cudaWeights.get(key).toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], y[i], 1e-4 * Math.max(1, Math.abs(x[i])), key + "[" + i + "]");
            }
        }
    }

    @Test
    void cudaWithoutAGpuIsOneLineAndExitCode2(@TempDir Path tmp) {
        String reason = gpuUnavailableReason();
        assertEquals(2, run("train", "--device", "cuda", "--out", tmp.resolve("r").toString()));
        String text = err.toString().strip();
        assertEquals(1, text.lines().count(), "one line: " + text);
        assertTrue(text.startsWith("gan: --device cuda: " + reason), text);
    }

    @Test
    void autoWithoutAGpuTrainsOnTheCpuAndSaysWhy(@TempDir Path tmp) throws IOException {
        String reason = gpuUnavailableReason();
        Path data = TinyMnist.write(tmp.resolve("data"), 16, 7);
        assertEquals(0, run("train", "--device", "auto", "--data", data.toString(), "--image-size", "8",
                "--latent-dim", "8", "--batch-size", "16", "--epochs", "1", "--no-progress",
                "--out", tmp.resolve("r").toString()), err.toString());
        List<String> deviceLines = out.toString().lines().filter(l -> l.startsWith("device:")).toList();
        assertEquals(List.of("device: cpu, since " + reason), deviceLines);
        assertEquals(null, System.getProperty("jgan.cuda.matmul"), "the retry with our SGEMM leaves nothing behind");
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = new String[1 + args.length + more.length];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(more, 0, all, 1 + args.length, more.length);
        return all;
    }
}
