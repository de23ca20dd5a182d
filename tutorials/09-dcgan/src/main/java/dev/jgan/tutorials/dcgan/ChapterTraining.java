package dev.jgan.tutorials.dcgan;

import com.sun.management.OperatingSystemMXBean;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Dcgan;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.pictures.RealBesideFake;
import dev.jgan.gan.run.DataChoice;
import dev.jgan.gan.train.GanTrainer;
import dev.jgan.gan.train.StepResult;
import dev.jgan.nn.data.Batch;
import dev.jgan.nn.data.DataLoader;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The chapter's training run: DCGAN 32x32 on a data set padded or resized to 32x32, Adam(2e-4,
 * beta1 0.5), the non-saturating generator loss, timed step by step. Every picture of samples it
 * writes has the first {@value #GRID} training images on the left, for comparison.
 */
final class ChapterTraining {
    static final int IMAGE_SIZE = 32;
    /** The first steps run while the JIT compiles the kernels; they are left out of the timing. */
    static final int WARM_UP_STEPS = 2;
    static final int GRID = 64;
    /** Where a run that is given a pictures folder also draws its samples: early, while G is still learning the layout. */
    static final int SNAPSHOT_STEP = 200;
    static final long SEED = 0;

    /** What the run did: every step's losses, samples from fixed noise at the end, and its speed. */
    record Result(List<StepResult> steps, Tensor samples, int stepsPerEpoch, double wallSecondsPerStep,
                  double cpuSecondsPerStep) {
    }

    private ChapterTraining() {
    }

    /**
     * Trains, and writes real beside generated images to {@code grid} at the end. With a
     * {@code pictures} folder (null for none) it also writes them there after
     * {@value #SNAPSHOT_STEP} steps and after each epoch, named by data set, width and step
     * ({@code fashion-ngf16-step200.png}, {@code fashion-ngf16-epoch1.png}).
     */
    static Result run(PrintStream out, Budget budget, Path grid, Path pictures) throws IOException {
        DataChoice.Loaded data = DataChoice.load(budget.data(), IMAGE_SIZE);
        out.println("data: " + data.describe());
        int channels = data.images().imageShape()[0];
        // Options.paper(): Adam(lr 2e-4, betas 0.5 and 0.999), the non-saturating G loss, one D step per G step.
        Gan gan = Dcgan.build(Dcgan.Config.of(IMAGE_SIZE, channels).withWidths(budget.width(), budget.width()),
                new Generator(SEED));
        GanTrainer trainer = new GanTrainer(gan, GanTrainer.Options.paper(), new Generator(SEED + 1));
        DataLoader loader = DataLoader.builder(data.images()).batchSize(budget.batchSize())
                .shuffle(new Generator(SEED + 2)).dropLast(true).build();
        Tensor fixedNoise = gan.noise(new Generator(SEED + 3), GRID);
        Tensor real = data.images().images().narrow(0, 0, Math.min(GRID, data.images().size()));
        String prefix = (budget.data().equals("fashion-mnist") ? "fashion" : budget.data()) + "-ngf" + budget.width();

        List<StepResult> steps = new ArrayList<>();
        long wallStart = 0;
        long cpuStart = 0;
        for (int epoch = 0; steps.size() < budget.steps(); epoch++) {
            for (Batch batch : loader.epoch(epoch)) {
                if (steps.size() == WARM_UP_STEPS) {
                    wallStart = System.nanoTime();
                    cpuStart = processCpuNanos();
                }
                StepResult r = trainer.step(batch.images());
                steps.add(r);
                if (steps.size() % budget.logEvery() == 0) {
                    out.printf(Locale.ROOT, "step %5d: D loss %.4f, G loss %.4f, D(x) %.3f, D(G(z)) %.3f%n",
                            steps.size(), r.discriminatorLoss(), r.generatorLoss(), r.dReal(), r.dFake());
                }
                if (pictures != null && steps.size() == SNAPSHOT_STEP) {
                    writeGrid(out, real, gan.sample(fixedNoise), pictures.resolve(prefix + "-step" + SNAPSHOT_STEP + ".png"));
                }
                if (pictures != null && steps.size() == (epoch + 1) * loader.numBatches()) {
                    writeGrid(out, real, gan.sample(fixedNoise), pictures.resolve(prefix + "-epoch" + (epoch + 1) + ".png"));
                }
                if (steps.size() == budget.steps()) {
                    break;
                }
            }
        }
        int timed = steps.size() - WARM_UP_STEPS;
        double wall = timed > 0 ? (System.nanoTime() - wallStart) / 1e9 / timed : Double.NaN;
        double cpu = timed > 0 ? (processCpuNanos() - cpuStart) / 1e9 / timed : Double.NaN;

        Tensor samples = gan.sample(fixedNoise);
        Files.createDirectories(grid.toAbsolutePath().getParent());
        RealBesideFake.writePng(real, samples, 8, 2, grid);
        return new Result(steps, samples, loader.numBatches(), wall, cpu);
    }

    private static void writeGrid(PrintStream out, Tensor real, Tensor samples, Path file) throws IOException {
        RealBesideFake.writePng(real, samples, 8, 2, file);
        out.println("real beside generated: " + file);
    }

    /** CPU time of all the JVM's threads: what a step costs however busy the machine is with other work. */
    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
