package dev.jgan.benchmarks.gpu;

import dev.jgan.core.Device;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.Backends;
import dev.jgan.core.backend.ScopedMemory;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Dcgan;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.models.MlpGan;
import dev.jgan.gan.train.GanTrainer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Milliseconds per GAN training step (a discriminator step and a generator step with Adam, as
 * {@code gan train} takes them) on a device: gan.py's MLP GAN on 28x28 images and DCGAN-64
 * (pytorch/examples' network, 3 channels, ngf = ndf = 64), batch 64. Each step runs in a memory
 * scope, as in {@code gan train}, and ends by reading its losses, which waits for the device; the
 * median of the timed steps is reported. Which device stands behind {@code cuda} is the CUDA
 * backend's choice ({@code -Djgan.cuda.driver=emulator} for the emulator, whose times mean
 * nothing).
 *
 * <pre>java ... dev.jgan.benchmarks.gpu.GanStepBenchmark [device=cuda] [steps=10] [scale=1]</pre>
 *
 * {@code scale} divides the DCGAN's widths and the batch, so that the emulator can check the
 * program in seconds.
 */
public final class GanStepBenchmark {
    private GanStepBenchmark() {
    }

    record Row(String model, int batch, double medianMillis, double dLoss, double gLoss) {
    }

    public static void main(String[] args) {
        Device device = Device.parse(args.length > 0 ? args[0] : "cuda");
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int scale = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Backend backend;
        try {
            backend = Backends.forDevice(device);
        } catch (IllegalStateException e) {
            System.err.println("[bench] " + e.getMessage());
            System.exit(2);
            return;
        }
        List<Row> rows = run(device, steps, scale);
        print(backend, rows, System.out);
        if (rows.stream().anyMatch(r -> !Double.isFinite(r.dLoss()) || !Double.isFinite(r.gLoss()))) {
            System.exit(1);
        }
    }

    static List<Row> run(Device device, int steps, int scale) {
        int batch = Math.max(2, 64 / scale);
        int width = Math.max(2, 64 / scale);
        List<Row> rows = new ArrayList<>();
        rows.add(time("MLP GAN 28x28", MlpGan.build(100, 1, 28, 28, new Generator(0)), new int[]{batch, 1, 28, 28},
                device, steps));
        rows.add(time("DCGAN-64 (ngf=ndf=" + width + ")",
                Dcgan.build(new Dcgan.Config(64, 3, 100, width, width, 1e-5), new Generator(0)),
                new int[]{batch, 3, 64, 64}, device, steps));
        return rows;
    }

    private static Row time(String name, Gan gan, int[] batchShape, Device device, int steps) {
        gan.generator().to(device);
        gan.discriminator().to(device);
        GanTrainer trainer = new GanTrainer(gan, GanTrainer.Options.paper(), new Generator(1));
        Tensor real = Tensor.randn(new Generator(2), batchShape).tanh().to(device);
        ScopedMemory scoped = Backends.forDevice(device) instanceof ScopedMemory s ? s : null;
        trainer.step(real);  // creates Adam's state, so outside any scope
        double[] millis = new double[steps];
        double[] losses = new double[2];
        // With more than one timed step, one more warm-up first, scoped like the timed ones, so that
        // the allocator's cache holds every block a step needs before the clock runs.
        for (int i = steps > 1 ? -1 : 0; i < steps; i++) {
            long start = System.nanoTime();
            try (ScopedMemory.Scope scope = scoped == null ? null : scoped.openScope()) {
                var result = trainer.step(real);  // reads the losses: waits for the device
                losses[0] = result.discriminatorLoss();
                losses[1] = result.generatorLoss();
            }
            if (i >= 0) {
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(millis);
        return new Row(name, batchShape[0], millis[steps / 2], losses[0], losses[1]);
    }

    static void print(Backend backend, List<Row> rows, PrintStream out) {
        out.println("GAN training step (D step + G step, Adam) on " + backend);
        out.println(String.format(Locale.ROOT, "%-28s | %6s | %16s | %s", "model", "batch", "median ms/step",
                "last D loss, G loss"));
        for (Row r : rows) {
            out.println(String.format(Locale.ROOT, "%-28s | %6d | %16.2f | %.4f, %.4f", r.model(), r.batch(),
                    r.medianMillis(), r.dLoss(), r.gLoss()));
        }
        for (Row r : rows) {
            out.println(String.format(Locale.ROOT, "summary: %s step, batch %d | %.2f ms | goal: no slower than"
                    + " PyTorch eager on the same card (gpu-bundle-run.sh times it beside this)", r.model(), r.batch(), r.medianMillis()));
        }
    }
}
