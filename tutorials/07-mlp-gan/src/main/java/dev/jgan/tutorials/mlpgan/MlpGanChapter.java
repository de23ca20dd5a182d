package dev.jgan.tutorials.mlpgan;

import dev.jgan.gan.models.Gan;
import dev.jgan.gan.pictures.Chart;
import dev.jgan.gan.run.DataChoice;
import dev.jgan.gan.run.RunConfig;
import dev.jgan.gan.train.GanLoss;
import dev.jgan.gan.train.StepResult;
import dev.jgan.nn.data.TensorDataset;
import dev.jgan.tutorials.text.TeeStream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chapter 7's program: gan.py's MLP GAN on the embedded 8x8 digits (the default) or on
 * Fashion-MNIST. It prints the networks and what BatchNorm's eps = 0.8 does, measures the
 * saturation of the minimax generator loss, trains with the non-saturating loss (and, on the
 * digits, with the minimax loss beside it), and scores the samples with the Fréchet distance on
 * the digits CNN's features. Everything the chapter text quotes is printed here, and also
 * written to {@code results/DATA.txt}; the pictures go to {@code images/}.
 *
 * <p>Arguments (all optional): the data set ({@code digits} or {@code fashion-mnist}), the
 * number of epochs (default 30 on the digits, 1 on Fashion-MNIST), and the chapter's folder
 * (default {@code tutorials/07-mlp-gan}, right when run from the repository root).
 */
public final class MlpGanChapter {
    static final Path DEFAULT_CHAPTER = Path.of("tutorials", "07-mlp-gan");
    static final long SEED = 0;
    /** The early part of training that the loss-comparison chart shows. */
    static final int EARLY_STEPS = 300;

    /** What the chapter's test checks: the Fréchet distances and the runs behind them. */
    record Findings(double floor, double noise, Training.Result nonSaturating, Training.Result minimax,
                    SaturationSection.Result saturation) {
    }

    private MlpGanChapter() {
    }

    public static void main(String[] args) throws IOException {
        String data = args.length > 0 ? args[0] : "digits";
        Budget defaults = switch (data) {
            case "digits" -> Budget.digits();
            case "fashion-mnist" -> Budget.fashion(1);
            default -> throw new IllegalArgumentException("07-mlp-gan: the first argument is digits or fashion-mnist,"
                    + " got '" + data + "'");
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
                defaults.compareLosses());
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
        Gan gan = Training.newGan(data, SEED);
        NetworkSection.run(out, gan, SEED + 8);
        SaturationSection.Result saturation = SaturationSection.run(out, data, SEED, images);

        out.printf(Locale.ROOT, "== 3. training on %s: non-saturating G loss, Adam(2e-4, 0.5, 0.999), batch %d,"
                + " k = 1, %d epochs%n", budget.data(), Training.BATCH_SIZE, budget.epochs());
        Optional<FrechetProbe> probe = FrechetProbe.of(budget.data(), data, budget.metricImages(), SEED + 9);
        double[] fixed = probe.map(p -> p.printFixedPoints(out, SEED + 10)).orElse(new double[]{Double.NaN, Double.NaN});
        if (probe.isEmpty()) {
            out.println("no classifier trained on " + budget.data() + " ships with jgan yet: pictures, no Fréchet distance");
        }
        String prefix = budget.data().equals("digits") ? "digits" : "fashion";
        Training.Result ns = Training.run(out, budget, data, probe, GanLoss.NON_SATURATING, SEED, images, prefix);
        curves(ns, budget.data(), images.resolve(prefix + "-d-curves.png"));
        out.printf(Locale.ROOT, "time per epoch: %.1f s (%d steps of %d images, %d processors)%n",
                ns.secondsPerEpoch(), ns.stepsPerEpoch(), Training.BATCH_SIZE, Runtime.getRuntime().availableProcessors());

        Training.Result mm = null;
        if (budget.compareLosses()) {
            out.printf(Locale.ROOT, "== 4. the same training with the minimax G loss log(1 - D(G(z)))%n");
            mm = Training.run(out, budget, data, probe, GanLoss.MINIMAX, SEED, images, prefix + "-minimax");
            early(ns, mm, images.resolve(prefix + "-early-losses.png"));
            out.printf(Locale.ROOT, "after %d steps: Fréchet distance %.3f non-saturating, %.3f minimax%n",
                    ns.last().step(), ns.last().frechet(), mm.last().frechet());
        }
        return new Findings(fixed[0], fixed[1], ns, mm, saturation);
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
