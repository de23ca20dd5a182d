package dev.jgan.tutorials.evaluation;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.metrics.ClassifierFeatures;
import dev.jgan.gan.metrics.FeatureExtractor;
import dev.jgan.gan.metrics.MetricScorer;
import dev.jgan.gan.metrics.RandomProjectionFeatures;
import dev.jgan.gan.models.Dcgan;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.pictures.ImageGrid;
import dev.jgan.gan.run.DataChoice;
import dev.jgan.gan.train.GanTrainer;
import dev.jgan.nn.data.Batch;
import dev.jgan.nn.data.DataLoader;
import dev.jgan.nn.data.FashionMnist;
import dev.jgan.nn.data.Normalize;
import dev.jgan.nn.data.Pad;
import dev.jgan.nn.data.TensorDataset;
import dev.jgan.tutorials.text.TeeStream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The chapter's metrics on chapter 9's DCGAN (32x32, ngf = ndf = 16 unless told otherwise) training on
 * Fashion-MNIST:
 * real test images (floor), the untrained generator (ceiling), and the generator after each of
 * a few step counts, with the measured time per step. The program scores steps, not epochs (an
 * epoch is 937 steps, about two minutes on an idle 2-core machine): small counts for a quick
 * look, and the chapter's 4685 (5 epochs) and 18740 (20 epochs) for its tables.
 *
 * <p>Arguments (optional): n images per set (default 300) and the step counts, comma-separated
 * (default 50,100,200), and the width ngf = ndf (default 16; the paper's is 64). Each row is written as
 * soon as it is scored, to the console and to results/fashion-dcgan-{last step}steps.txt
 * (fashion-dcgan-ngf{width}-... for another width than 16), so a run stopped early keeps the rows
 * it reached; sample grids go to images/.
 */
public final class FashionDcganScores {
    static final int DEFAULT_WIDTH = 16;
    static final int BATCH_SIZE = 64;
    static final int IMAGE_SIZE = 32;
    /** Fashion-MNIST's 28x28 padded to 32x32, as gan train --image-size 32 does. */
    static final int BORDER = 2;
    static final int NEAREST_SEARCHED = 2000;
    static final int RANDOM_PROJECTION_DIMS = 64;
    private static final long SEED = 0;

    private FashionDcganScores() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int[] steps = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[]{50, 100, 200};
        int width = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_WIDTH;
        // The quarter-width runs keep the file names the chapter has linked since its first run.
        String name = width == DEFAULT_WIDTH ? "fashion-dcgan" : "fashion-dcgan-ngf" + width;
        Path chapter = EvaluatingGansChapter.CHAPTER;
        Path results = chapter.resolve("results").resolve(String.format(Locale.ROOT, "%s-%dsteps.txt", name,
                steps[steps.length - 1]));
        Files.createDirectories(results.getParent());
        // Straight to the file, line by line: a run stopped early keeps the rows it reached.
        try (OutputStream file = Files.newOutputStream(results);
             PrintStream both = new PrintStream(new TeeStream(System.out, file), true, StandardCharsets.UTF_8)) {
            run(both, n, steps, width, name, chapter.resolve("images"));
        }
        System.out.println("wrote " + results);
    }

    static void run(PrintStream out, int n, int[] steps, int width, String name, Path images) throws IOException {
        TensorDataset training = DataChoice.load("fashion-mnist", IMAGE_SIZE).images();
        TensorDataset test = TensorDataset.copyOf(FashionMnist.load(false)
                .map(Pad.uniform(BORDER, 0f).andThen(Normalize.toTanhRange(1.0))));
        FeatureExtractor features = ClassifierFeatures.shippedFor("fashion-mnist")
                .<FeatureExtractor>map(f -> f)
                .orElse(new RandomProjectionFeatures(IMAGE_SIZE * IMAGE_SIZE, RANDOM_PROJECTION_DIMS, SEED));
        out.printf(Locale.ROOT, "== dcgan32 on Fashion-MNIST (padded to 32x32), ngf = ndf = %d, batch %d;"
                + " %d images per set, features: %s%n", width, BATCH_SIZE, n, features.name());
        MetricScorer scorer = new MetricScorer(features, training.images().narrow(0, 0, n), SEED);
        Tensor searched = training.images().narrow(0, n, NEAREST_SEARCHED);

        Gan gan = Dcgan.build(Dcgan.Config.of(IMAGE_SIZE, 1).withWidths(width, width), new Generator(SEED));
        GanTrainer trainer = new GanTrainer(gan, GanTrainer.Options.paper(), new Generator(SEED + 1));
        DataLoader loader = DataLoader.builder(training).batchSize(BATCH_SIZE).shuffle(new Generator(SEED + 2))
                .dropLast(true).build();
        Tensor noise = gan.noise(new Generator(SEED + 3), n);

        out.printf(Locale.ROOT, "nearest: pixel L2 to the nearest of %d training images outside the reference%n",
                NEAREST_SEARCHED);
        CaseScores.printHeader(out, features.name());
        CaseScores.of(new Case("real test (floor)", test.images().narrow(0, 0, n)), scorer, searched).printRow(out);
        CaseScores.of(new Case("untrained G (ceiling)", gan.sample(noise)), scorer, searched).printRow(out);
        long wall = 0;
        long cpu = 0;
        int done = 0;
        int next = 0;
        for (int epoch = 0; next < steps.length; epoch++) {
            for (Batch batch : loader.epoch(epoch)) {
                long w0 = System.nanoTime();
                long c0 = processCpuNanos();
                trainer.step(batch.images());
                wall += System.nanoTime() - w0;
                cpu += processCpuNanos() - c0;
                done++;
                if (done == steps[next]) {
                    Tensor samples = gan.sample(noise);
                    CaseScores.of(new Case(String.format(Locale.ROOT, "DCGAN, %d steps", done), samples), scorer,
                            searched).printRow(out);
                    ImageGrid.writePng(samples.narrow(0, 0, 64), 8, 2,
                            images.resolve(String.format(Locale.ROOT, "%s-step%d.png", name, done)));
                    out.printf(Locale.ROOT, "  time: %d steps, %.2f s/step wall-clock, %.2f s/step of CPU time"
                            + " (%d processors); one epoch = %d steps = %.0f minutes at this speed%n", done,
                            wall / 1e9 / done, cpu / 1e9 / done, Runtime.getRuntime().availableProcessors(),
                            loader.numBatches(), loader.numBatches() * wall / 1e9 / done / 60);
                    if (++next == steps.length) {
                        break;
                    }
                }
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
