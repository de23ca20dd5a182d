package dev.jgan.tutorials.gan1d;

import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.pictures.Chart;
import dev.jgan.gan.toy1d.FittedGaussian;
import dev.jgan.gan.toy1d.Figure1d;
import dev.jgan.gan.toy1d.Snapshot1d;
import dev.jgan.gan.toy1d.Training1d;
import dev.jgan.gan.train.GanLoss;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Section 4: the 1-D GAN trained with the non-saturating loss, with pictures in the manner of
 * Figure 1 of Goodfellow et al. (2014) at a few moments, and the mean and spread of G's samples
 * along the way.
 */
final class TrainingSection {
    static final int[] SNAPSHOT_STEPS = {0, 25, 60, 150};
    static final int SNAPSHOT_SAMPLES = 4000;
    static final int CURVE_EVERY = 10;
    static final Snapshot1d.Grid GRID = new Snapshot1d.Grid(-2, 10, 601, 60);

    record Result(FittedGaussian fitted, Snapshot1d last, double dMin, double dMax) {
    }

    private TrainingSection() {
    }

    static Result run(PrintStream out, Setup setup, int steps, Path images) throws IOException {
        out.println(String.format(Locale.ROOT, "== 4. the 1-D GAN: %d steps, batch %d, noise dimension %d,"
                        + " two hidden layers of %d, non-saturating loss", steps, setup.batchSize(), setup.latentDim(),
                setup.width()));
        Gan gan = setup.newGan();
        Training1d training = setup.training(gan, GanLoss.NON_SATURATING, steps);
        List<Integer> snapshotAt = new ArrayList<>();
        for (int s : SNAPSHOT_STEPS) {
            if (s < steps) {
                snapshotAt.add(s);
            }
        }
        snapshotAt.add(steps);

        List<double[]> curve = new ArrayList<>();
        Snapshot1d last = null;
        for (int step = 0; step <= steps; step++) {
            if (step % CURVE_EVERY == 0 || step == steps) {
                FittedGaussian fit = FittedGaussian.ofGenerator(gan, new Generator(setup.seed() + 10), 1000);
                curve.add(new double[]{step, fit.mean(), fit.std()});
            }
            if (snapshotAt.contains(step)) {
                last = Snapshot1d.take(step, gan, setup.data(), new Generator(setup.seed() + 11), SNAPSHOT_SAMPLES, GRID);
                print(out, last);
                Figure1d.write(last, "after " + step + " steps", images.resolve(String.format("gan-step-%04d.png", step)));
            }
            if (step < steps) {
                training.step();
            }
        }
        writeCurve(curve, setup, images.resolve("training-curve.png"));

        FittedGaussian fitted = FittedGaussian.ofGenerator(gan, new Generator(setup.seed() + 12), 10_000);
        double[] range = discriminatorRange(last, setup.data().mean() - 2 * setup.data().std(),
                setup.data().mean() + 2 * setup.data().std());
        out.println(String.format(Locale.ROOT, "G after %d steps, 10000 samples: %s (data: mean %.3f, std %.3f)",
                steps, fitted, setup.data().mean(), setup.data().std()));
        out.println(String.format(Locale.ROOT, "off by %.3f in the mean and %.3f in the std",
                Math.abs(fitted.mean() - setup.data().mean()), Math.abs(fitted.std() - setup.data().std())));
        out.println(String.format(Locale.ROOT, "D(x) for x within 2 std of the data's mean: between %.3f and %.3f",
                range[0], range[1]));
        out.println("wrote gan-step-*.png and training-curve.png");
        return new Result(fitted, last, range[0], range[1]);
    }

    private static void print(PrintStream out, Snapshot1d s) {
        out.println(String.format(Locale.ROOT, "step %4d: G %s | D(x) %.3f, D(G(z)) %.3f, V(D, G) %.4f"
                        + " | JSD %.4f, V(D*, G) %.4f", s.step(), s.fitted(), s.dReal(), s.dFake(), s.value(), s.jsd(),
                s.optimalDiscriminatorValue()));
    }

    private static double[] discriminatorRange(Snapshot1d s, double from, double to) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.x().length; i++) {
            if (s.x()[i] >= from && s.x()[i] <= to) {
                min = Math.min(min, s.d()[i]);
                max = Math.max(max, s.d()[i]);
            }
        }
        return new double[]{min, max};
    }

    private static void writeCurve(List<double[]> curve, Setup setup, Path file) throws IOException {
        double[] step = new double[curve.size()];
        double[] mean = new double[curve.size()];
        double[] std = new double[curve.size()];
        double[] mu = new double[curve.size()];
        double[] sigma = new double[curve.size()];
        for (int i = 0; i < curve.size(); i++) {
            step[i] = curve.get(i)[0];
            mean[i] = curve.get(i)[1];
            std[i] = curve.get(i)[2];
            mu[i] = setup.data().mean();
            sigma[i] = setup.data().std();
        }
        Chart.of("mean and std of G's samples during training", "step", "value")
                .line("mean of G(z)", step, mean)
                .line("std of G(z)", step, std)
                .line("data mean", step, mu)
                .line("data std", step, sigma)
                .writePng(file);
    }
}
