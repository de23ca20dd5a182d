package dev.jgan.tutorials.gan1d;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.pictures.Chart;
import dev.jgan.gan.sampling.InverseTransform;
import dev.jgan.gan.toy1d.DensityHistogram;
import dev.jgan.gan.toy1d.FittedGaussian;
import dev.jgan.gan.toy1d.Gaussian1d;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/** Section 1: uniform noise through an inverse CDF, checked by its moments and drawn against the density. */
final class SamplingSection {
    static final int DRAWS = 20_000;
    static final double RATE = 1.0;

    private SamplingSection() {
    }

    static void run(PrintStream out, Gaussian1d data, Generator gen, Path images) throws IOException {
        out.println("== 1. sampling by inverse transform: x = F^-1(u), u uniform on (0, 1)");
        DoubleUnaryOperator exponentialInverse = InverseTransform.exponential(RATE);
        Tensor exponential = InverseTransform.sample(gen, DRAWS, exponentialInverse);
        Tensor normal = InverseTransform.sample(gen, DRAWS, data.inverseCdf());
        report(out, "exponential, rate 1: F^-1(u) = -ln(1 - u)", exponential, 1 / RATE, 1 / RATE);
        report(out, "normal " + data + ": F^-1(u) = mu + sigma Phi^-1(u)", normal, data.mean(), data.std());

        double low = 0;
        double high = 9;
        int bins = 90;
        double[] xs = new double[451];
        double[] expDensity = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = low + (high - low) * i / (xs.length - 1);
            expDensity[i] = RATE * Math.exp(-RATE * xs[i]);
        }
        DensityHistogram expHist = DensityHistogram.of(exponential.toDoubleArray(), low, high, bins);
        DensityHistogram normalHist = DensityHistogram.of(normal.toDoubleArray(), low, high, bins);
        Path histogramFile = images.resolve("inverse-transform.png");
        Chart.of(DRAWS + " draws of F^-1(U) against the target densities", "x", "density")
                .steps("histogram, exponential", expHist.edges(), expHist.heights())
                .line("density e^-x", xs, expDensity)
                .steps("histogram, " + data, normalHist.edges(), normalHist.heights())
                .line("density of " + data, xs, data.density(xs))
                .xRange(low, high)
                .writePng(histogramFile);

        double[] u = new double[999];
        double[] expCurve = new double[u.length];
        double[] normalCurve = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = (i + 1) / 1000.0;
            expCurve[i] = exponentialInverse.applyAsDouble(u[i]);
            normalCurve[i] = data.inverseCdf().applyAsDouble(u[i]);
        }
        Path transformFile = images.resolve("inverse-cdf.png");
        Chart.of("the transforms: inverse CDFs", "u", "x = F^-1(u)")
                .line("exponential", u, expCurve)
                .line(data.toString(), u, normalCurve)
                .xRange(0, 1)
                .writePng(transformFile);
        out.println("wrote " + histogramFile.getFileName() + " and " + transformFile.getFileName());
    }

    private static void report(PrintStream out, String what, Tensor draws, double mean, double std) {
        FittedGaussian fit = FittedGaussian.of(draws);
        out.println(String.format(Locale.ROOT, "%s%n  sample mean %.3f (exact %.3f), sample std %.3f (exact %.3f)",
                what, fit.mean(), mean, fit.std(), std));
    }
}
