package dev.jgan.tutorials.mlpgan;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.models.MlpGan;
import dev.jgan.gan.pictures.ImageGrid;
import dev.jgan.gan.train.GanLoss;
import dev.jgan.gan.train.GanTrainer;
import dev.jgan.gan.train.StepResult;
import dev.jgan.nn.data.Batch;
import dev.jgan.nn.data.DataLoader;
import dev.jgan.nn.data.TensorDataset;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * One training run of gan.py's MLP GAN: Adam(2e-4, betas 0.5 and 0.999), batch 64, images in
 * [-1, 1], by default one D step per G step in Algorithm 1's order. At each snapshot step it
 * writes a grid of 64 samples from fixed noise and measures the Fréchet distance; the training
 * time excludes those.
 */
final class Training {
    static final int BATCH_SIZE = 64;
    static final int LATENT_DIM = 100;
    static final int GRID = 64;

    /** The Fréchet distance of G's samples after {@code step} steps (NaN without a classifier). */
    record Snapshot(long step, double frechet) {
    }

    record Result(GanTrainer.Options options, List<StepResult> steps, List<Snapshot> snapshots, int stepsPerEpoch,
                  double trainingSeconds) {
        double secondsPerEpoch() {
            return trainingSeconds / steps.size() * stepsPerEpoch;
        }

        Snapshot last() {
            return snapshots.get(snapshots.size() - 1);
        }

        /** The mean of {@code what} over the last epoch's steps (NaNs, from steps without a G step, left out). */
        double lastEpochMean(ToDoubleFunction<StepResult> what) {
            return mean(steps.subList(steps.size() - stepsPerEpoch, steps.size()), what);
        }
    }

    private Training() {
    }

    /** A fresh MLP GAN for images of {@code data}, its weights drawn from {@code seed}. */
    static Gan newGan(TensorDataset data, long seed) {
        int[] s = data.imageShape();
        return MlpGan.build(LATENT_DIM, s[0], s[1], s[2], new Generator(seed));
    }

    static GanTrainer.Options options(GanLoss loss) {
        return new GanTrainer.Options(loss, 1, 2e-4, 0.5, 0.999);
    }

    /**
     * Trains for {@code budget.epochs()} epochs with {@code options}, printing a line per epoch
     * (every {@code logEvery} epochs) and writing grids named {@code prefix-step-NNNN.png}.
     */
    static Result run(PrintStream out, Budget budget, TensorDataset data, Optional<FrechetProbe> probe,
                      GanTrainer.Options options, long seed, Path images, String prefix) throws IOException {
        Gan gan = newGan(data, seed);
        GanTrainer trainer = new GanTrainer(gan, options, new Generator(seed + 1));
        DataLoader loader = DataLoader.builder(data).batchSize(BATCH_SIZE).shuffle(new Generator(seed + 2))
                .dropLast(true).build();
        Tensor fixedNoise = gan.noise(new Generator(seed + 3), GRID);
        long total = (long) budget.epochs() * loader.numBatches();
        long[] snapshots = Arrays.stream(budget.snapshotSteps()).asLongStream().filter(s -> s < total).toArray();
        snapshots = Arrays.copyOf(snapshots, snapshots.length + 1);
        snapshots[snapshots.length - 1] = total;
        int logEvery = Math.max(1, budget.epochs() / 10);

        List<StepResult> steps = new ArrayList<>();
        List<Snapshot> taken = new ArrayList<>();
        int next = 0;
        long trainingNanos = 0;
        for (int epoch = 0; epoch < budget.epochs(); epoch++) {
            for (Batch batch : loader.epoch(epoch)) {
                while (next < snapshots.length && snapshots[next] == steps.size()) {
                    taken.add(snapshot(out, gan, probe, fixedNoise, steps.size(), seed, images, prefix));
                    next++;
                }
                long start = System.nanoTime();
                steps.add(trainer.step(batch.images()));
                trainingNanos += System.nanoTime() - start;
            }
            if ((epoch + 1) % logEvery == 0 || epoch + 1 == budget.epochs()) {
                printEpoch(out, epoch + 1, steps.subList(steps.size() - loader.numBatches(), steps.size()));
            }
        }
        taken.add(snapshot(out, gan, probe, fixedNoise, steps.size(), seed, images, prefix));
        return new Result(options, steps, taken, loader.numBatches(), trainingNanos / 1e9);
    }

    /** Writes 64 training images as the samples' grids are drawn, to be shown beside them. */
    static void writeRealGrid(TensorDataset data, long seed, Path file) throws IOException {
        DataLoader loader = DataLoader.builder(data).batchSize(GRID).shuffle(new Generator(seed)).build();
        Tensor real = loader.epoch(0).iterator().next().images();
        ImageGrid.writePng(real, 8, Math.max(1, 64 / real.size(2)), file);
    }

    /**
     * The epoch's means: a single batch's D(x) and D(G(z)) jump around too much to read. With k > 1
     * only every k-th step has a G loss; the mean is over those.
     */
    private static void printEpoch(PrintStream out, int epoch, List<StepResult> steps) {
        out.printf(Locale.ROOT, "epoch %3d: D loss %.3f, G loss %.3f, D(x) %.3f, D(G(z)) %.3f%n", epoch,
                mean(steps, StepResult::discriminatorLoss), mean(steps, StepResult::generatorLoss),
                mean(steps, StepResult::dReal), mean(steps, StepResult::dFake));
    }

    private static double mean(List<StepResult> steps, ToDoubleFunction<StepResult> what) {
        return steps.stream().mapToDouble(what).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    private static Snapshot snapshot(PrintStream out, Gan gan, Optional<FrechetProbe> probe, Tensor fixedNoise,
                                     long step, long seed, Path images, String prefix) throws IOException {
        int scale = Math.max(1, 64 / gan.sampleShape()[1]);
        Path grid = images.resolve(String.format(Locale.ROOT, "%s-step-%04d.png", prefix, step));
        ImageGrid.writePng(gan.sample(fixedNoise), 8, scale, grid);
        double frechet = probe.map(p -> p.distance(gan.sample(new Generator(seed + 4), p.n()))).orElse(Double.NaN);
        out.printf(Locale.ROOT, "step %5d: Fréchet distance %s, samples in %s%n", step,
                Double.isNaN(frechet) ? "(no classifier)" : String.format(Locale.ROOT, "%.3f", frechet),
                grid.getFileName());
        return new Snapshot(step, frechet);
    }
}
