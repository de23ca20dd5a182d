package dev.jgan.tutorials.covering;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.cli.GanCli;
import dev.jgan.gan.metrics.ClassHistogram;
import dev.jgan.gan.metrics.ClassifierFeatures;
import dev.jgan.gan.metrics.MetricReport;
import dev.jgan.gan.metrics.MetricScorer;
import dev.jgan.gan.metrics.RealImages;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.pictures.ImageGrid;
import dev.jgan.gan.run.DataChoice;
import dev.jgan.gan.run.ModelChoice;
import dev.jgan.gan.run.Recipe;
import dev.jgan.gan.train.GanTrainer;
import dev.jgan.gan.train.StepResult;
import dev.jgan.nn.data.Batch;
import dev.jgan.nn.data.DataLoader;
import dev.jgan.nn.data.TensorDataset;
import dev.jgan.nn.optim.ExponentialMovingAverage;
import dev.jgan.tutorials.text.TeeStream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chapter 13: gan.py's MLP GAN on the 1797 8x8 digits, changed one step at a time until its
 * samples cover every digit, each step scored as {@code gan eval} scores a run: the Fréchet
 * distance, precision and recall on the digits CNN's features against chapter 4's 297 test digits,
 * and the classes the CNN predicts for 1000 samples. Then the README's command itself, through
 * {@code gan train} and {@code gan eval}.
 *
 * <p>Arguments (optional): the epochs of the long runs (default {@value #LONG_EPOCHS}) and of
 * gan.py as the README used to run it (default {@value #SHORT_EPOCHS}). Output goes to the console
 * and to results/steps-{long epochs}epochs.txt, line by line; sample grids go to images/.
 */
public final class CoveringEveryDigitChapter {
    static final Path CHAPTER = Path.of("tutorials", "13-covering-every-digit");
    static final int LONG_EPOCHS = 100;
    static final int SHORT_EPOCHS = 20;
    /** gan train's defaults: batch 64, noise of 100 dims. */
    static final int BATCH_SIZE = 64;
    static final int LATENT_DIM = 100;
    /** gan eval's n on the digits: all of chapter 4's test split. */
    static final int SCORED = 297;
    static final int HISTOGRAM_SAMPLES = 1000;
    static final long SEED = 0;
    /** One-sided label smoothing's label for real images (Salimans et al. 2016). */
    static final double SMOOTHED_LABEL = 0.9;

    /** One row of the table: what changed from gan.py (the recipe, the real label), and for how long it trains. */
    record Variant(String name, String picture, int epochs, double realLabel, Recipe recipe) {
    }

    /** The seeds of section 8's runs of the README's command: 0 is gan train's default. */
    static final List<Long> COMMAND_SEEDS = List.of(0L, 1L, 2L);

    /** The recipes section 7 runs the README's command with, over {@link #COMMAND_SEEDS}: the default first. */
    static final List<Recipe> SEEDED_RECIPES = List.of(Recipe.CONDITIONAL, Recipe.WIDE_CONV, Recipe.SMALL_CONV,
            Recipe.MODE_COVERING);

    /** One run of the README's command with a seed and a recipe, as gan eval scored it, and its training time. */
    record CommandRun(Recipe recipe, long seed, MetricReport report, double wallSeconds, double cpuSeconds) {
    }

    /** A variant's scores and the time its training took. */
    record Row(Variant variant, MetricReport.Scores scores, ClassHistogram classes, double wallSeconds,
               double cpuSeconds) {
    }

    private CoveringEveryDigitChapter() {
    }

    public static void main(String[] args) throws IOException {
        int longEpochs = args.length > 0 ? Integer.parseInt(args[0]) : LONG_EPOCHS;
        int shortEpochs = args.length > 1 ? Integer.parseInt(args[1]) : SHORT_EPOCHS;
        Path results = CHAPTER.resolve("results").resolve("steps-" + longEpochs + "epochs.txt");
        Files.createDirectories(results.getParent());
        try (OutputStream file = Files.newOutputStream(results);
             PrintStream both = new PrintStream(new TeeStream(System.out, file), true, StandardCharsets.UTF_8)) {
            run(both, longEpochs, shortEpochs, CHAPTER.resolve("images"));
        }
        System.out.println("wrote " + results);
    }

    /**
     * gan.py as written, then trained longer, then with each change alone and with both, then
     * gan.py's losses and Adam with small convolutional networks. The rows' networks are built by
     * the recipes {@code gan train} builds them with, so that the mode-covering, small-conv and
     * wide-conv rows are what {@code --recipe mode-covering}, {@code small-conv} and {@code wide-conv} train.
     */
    static List<Variant> variants(int longEpochs, int shortEpochs) {
        return List.of(
                new Variant("gan.py as written", "gan-py-" + shortEpochs + "epochs.png", shortEpochs, 1.0,
                        Recipe.GAN_PY),
                new Variant("gan.py, trained longer", "gan-py.png", longEpochs, 1.0, Recipe.GAN_PY),
                new Variant("+ label smoothing (real = 0.9)", "label-smoothing.png", longEpochs, SMOOTHED_LABEL,
                        Recipe.GAN_PY),
                new Variant("+ minibatch std-dev in D: mode-covering", "minibatch-stddev.png", longEpochs, 1.0,
                        Recipe.MODE_COVERING),
                new Variant("+ both", "both.png", longEpochs, SMOOTHED_LABEL, Recipe.MODE_COVERING),
                new Variant("small conv G and D: small-conv", "small-conv.png", longEpochs, 1.0, Recipe.SMALL_CONV),
                new Variant("G 1.5x wide, average of G: wide-conv", "wide-conv.png", longEpochs, 1.0,
                        Recipe.WIDE_CONV),
                new Variant("told each image's class: conditional", "conditional.png", longEpochs, 1.0,
                        Recipe.CONDITIONAL));
    }

    /** The row of the mode-covering recipe in {@link #variants}. */
    static final int MODE_COVERING_ROW = 3;
    /** The row of the conditional recipe, gan train's default on the digits, in {@link #variants}. */
    static final int DEFAULT_ROW = 7;

    static List<Row> run(PrintStream out, int longEpochs, int shortEpochs, Path images) throws IOException {
        Files.createDirectories(images);
        DataChoice.Loaded loaded = DataChoice.load("digits", 0);
        TensorDataset data = loaded.images();
        DataChoice.TestSplit split = loaded.testSplit().orElseThrow();
        RealImages real = RealImages.againstTest(split.training(), split.test(), data, SCORED, SEED);
        ClassifierFeatures cnn = ClassifierFeatures.digitsCnn();
        MetricScorer scorer = new MetricScorer(cnn, real.reference(), SEED);
        MetricReport.Scores floor = scorer.score(real.heldOut());

        out.printf(Locale.ROOT, "%d digits, batch %d (%d steps an epoch); scored as gan eval scores: %d samples"
                        + " against chapter 4's %d test digits on %s features, classes of %d samples%n",
                data.size(), BATCH_SIZE, data.size() / BATCH_SIZE, SCORED, SCORED, cnn.name(), HISTOGRAM_SAMPLES);
        out.printf(Locale.ROOT, "floor (real test digits): Fréchet distance %.1f, precision %.2f, recall %.2f%n",
                floor.frechetDistance(), floor.precision(), floor.recall());
        out.printf(Locale.ROOT, "goal: Fréchet distance <= %.1f (2x the floor), precision and recall >= 0.70, every"
                + " class 5-15 %% of the samples%n%n", 2 * floor.frechetDistance());
        out.printf(Locale.ROOT, "%-40s %6s %6s %9s %6s %9s %8s %7s%n", "change", "epochs", "FD", "precision",
                "recall", "smallest", "largest", "missing");
        List<Row> rows = new ArrayList<>();
        for (Variant v : variants(longEpochs, shortEpochs)) {
            long wall0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            Gan gan = train(v, data);
            Row row = new Row(v, scorer.score(gan.sample(new Generator(SEED), SCORED)),
                    cnn.classHistogram(gan.sample(new Generator(SEED), HISTOGRAM_SAMPLES)),
                    (System.nanoTime() - wall0) / 1e9, (processCpuNanos() - cpu0) / 1e9);
            rows.add(row);
            out.printf(Locale.ROOT, "%-40s %6d %6.1f %9.2f %6.2f %7.1f %% %6.1f %% %7d%n", v.name(), v.epochs(),
                    row.scores().frechetDistance(), row.scores().precision(), row.scores().recall(),
                    100 * row.classes().smallestShare(), 100 * row.classes().largestShare(),
                    row.classes().missingClasses());
            ImageGrid.writePng(gan.sample(new Generator(SEED + 5), 64), 8, 8, images.resolve(v.picture()));
        }
        out.println();
        for (Row row : rows) {
            out.print(row.variant().name() + ": " + row.classes().table());
        }
        out.println();
        for (Row row : rows) {
            out.printf(Locale.ROOT, "time: %s, %d steps: %.0f s wall-clock, %.0f s of CPU time (training and"
                            + " scoring, %d cores)%n", row.variant().name(),
                    row.variant().epochs() * (data.size() / BATCH_SIZE), row.wallSeconds(), row.cpuSeconds(),
                    Runtime.getRuntime().availableProcessors());
        }
        out.println();
        readmeCommand(out, longEpochs, images);
        out.println();
        overSeeds(out, longEpochs, images);
        return rows;
    }

    /**
     * The variant's recipe's networks, Adam at 2e-4 and betas (0.5, 0.999), its real label; gan
     * train's batches, with their labels where the GAN is told them (conditional). Where the recipe
     * keeps an average of G's weights (wide-conv, conditional), it is updated
     * after each step of G, as gan train updates it, and the GAN returned samples from it.
     */
    static Gan train(Variant v, TensorDataset data) {
        Gan gan = build(v, data);
        double decay = v.recipe().generatorAverageDecay();
        ExponentialMovingAverage average = decay == 0 ? null
                : new ExponentialMovingAverage(gan.generator(), build(v, data).generator(), decay);
        GanTrainer trainer = new GanTrainer(gan, GanTrainer.Options.paper(), new Generator(SEED + 1))
                .withRealLabel(v.realLabel());
        DataLoader loader = DataLoader.builder(data).batchSize(BATCH_SIZE).shuffle(new Generator(SEED + 2))
                .dropLast(true).build();
        for (int epoch = 0; epoch < v.epochs(); epoch++) {
            for (Batch batch : loader.epoch(epoch)) {
                StepResult r = trainer.step(batch.images(), gan.batchLabels(batch.labels()));
                if (average != null && r.generatorStepped()) {
                    average.update(r.step());
                }
            }
        }
        return average == null ? gan : gan.withGenerator(average.average());
    }

    /** The variant's recipe's G and D, initialized from the chapter's seed. */
    private static Gan build(Variant v, TensorDataset data) {
        return v.recipe().build(LATENT_DIM, data.imageShape(), v.recipe().batchNormEps(ModelChoice.MLP),
                new Generator(SEED));
    }

    /**
     * The README's command, {@code gan train --data digits --epochs N} with every other setting at
     * its default (the conditional recipe), then {@code gan eval} on its checkpoint, each through
     * the command line's own entry point. The run's directory is a temporary one; its samples.png
     * is kept as images/readme-command.png.
     */
    static void readmeCommand(PrintStream out, int epochs, Path images) throws IOException {
        Path dir = Files.createTempDirectory("jgan-chapter13-");
        Path run = dir.resolve("mlp-digits");
        out.println("$ gan train --data digits --epochs " + epochs + " --out runs/mlp-digits");
        long wall0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        String trained = cli("train", "--data", "digits", "--epochs", Integer.toString(epochs), "--out", run.toString(),
                "--no-progress");
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        trained.lines().filter(l -> l.startsWith("data: ")).forEach(out::println);
        out.printf(Locale.ROOT, "time: gan train, %d epochs: %.0f s wall-clock, %.0f s of CPU time (%d cores)%n",
                epochs, wall, cpu, Runtime.getRuntime().availableProcessors());
        out.println("$ gan eval --checkpoint runs/mlp-digits/checkpoint.safetensors");
        String evaluated = cli("eval", "--checkpoint", run.resolve("checkpoint.safetensors").toString());
        // The last two lines name the temporary directory's files (the scores, the report they join).
        evaluated.lines().filter(l -> !l.startsWith("wrote ") && !l.startsWith("updated ")).forEach(out::println);
        Files.copy(run.resolve("samples.png"), images.resolve("readme-command.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The README's command with seeds 0, 1 and 2, for the default recipe (conditional), wide-conv,
     * small-conv and mode-covering, each scored by {@code gan eval}: one run is one sample of a
     * recipe, and the seed moves these numbers a lot. Seed 0 of conditional is section 6's run again. The grids of
     * seed 1 of each recipe are kept as images/seed1-*.png.
     */
    static List<CommandRun> overSeeds(PrintStream out, int epochs, Path images) throws IOException {
        out.printf(Locale.ROOT, "gan train --data digits --epochs %d --seed S [--recipe R], then gan eval:%n", epochs);
        out.printf(Locale.ROOT, "%-14s %4s %6s %9s %6s %9s %8s %7s%n", "recipe", "seed", "FD", "precision", "recall",
                "smallest", "largest", "missing");
        List<CommandRun> runs = new ArrayList<>();
        for (Recipe recipe : SEEDED_RECIPES) {
            for (long seed : COMMAND_SEEDS) {
                Path run = Files.createTempDirectory("jgan-chapter13-seeds-").resolve("run");
                long wall0 = System.nanoTime();
                long cpu0 = processCpuNanos();
                cli("train", "--data", "digits", "--epochs", Integer.toString(epochs), "--seed", Long.toString(seed),
                        "--recipe", recipe.cliName(), "--out", run.toString(), "--no-progress");
                double wall = (System.nanoTime() - wall0) / 1e9;
                double cpu = (processCpuNanos() - cpu0) / 1e9;
                cli("eval", "--checkpoint", run.resolve("checkpoint.safetensors").toString());
                MetricReport report = MetricReport.readJson(run.resolve("metrics.json"));
                runs.add(new CommandRun(recipe, seed, report, wall, cpu));
                ClassHistogram classes = report.classes();
                out.printf(Locale.ROOT, "%-14s %4d %6.1f %9.2f %6.2f %7.1f %% %6.1f %% %7d%n", recipe.cliName(), seed,
                        report.model().frechetDistance(), report.model().precision(), report.model().recall(),
                        100 * classes.smallestShare(), 100 * classes.largestShare(), classes.missingClasses());
                if (seed == 1) {
                    Files.copy(run.resolve("samples.png"), images.resolve("seed1-" + recipe.cliName() + ".png"),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        out.println();
        for (CommandRun r : runs) {
            out.printf(Locale.ROOT, "time: gan train --recipe %s --seed %d, %d epochs: %.0f s wall-clock, %.0f s of CPU"
                            + " time (%d cores)%n", r.recipe().cliName(), r.seed(), epochs, r.wallSeconds(),
                    r.cpuSeconds(), Runtime.getRuntime().availableProcessors());
        }
        return runs;
    }

    private static String cli(String... args) {
        StringWriter text = new StringWriter();
        StringWriter errors = new StringWriter();
        int code = GanCli.execute(args, new PrintWriter(text, true), new PrintWriter(errors, true));
        if (code != 0) {
            throw new IllegalStateException("gan " + String.join(" ", args) + " failed (exit " + code + "): " + errors);
        }
        return text.toString();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
