package dev.jgan.tutorials.modes;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.pictures.Chart;
import dev.jgan.gan.toy.GaussianMixture2d;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The chapter's pictures: generated points over the real ones (where each mode sits and how
 * tight it is), and the mode metric over training for several runs.
 */
final class Pictures {
    /** Points drawn per scatter: enough to see a mode's spread, few enough to see the gaps. */
    static final int SCATTER_POINTS = 1000;

    private Pictures() {
    }

    /** Real points (a fresh sample) and the first {@link #SCATTER_POINTS} generated ones. */
    static void scatter(GaussianMixture2d mixture, Tensor generated, String title, Path file) throws IOException {
        double extent = halfWidth(mixture);
        Chart chart = Chart.square(title, "x1", "x2").xRange(-extent, extent).yRange(-extent, extent).equalAspect();
        Tensor real = mixture.sample(new Generator(12345), SCATTER_POINTS);
        chart.scatter("real", column(real, 0), column(real, 1));
        if (generated != null) {
            int n = Math.min(SCATTER_POINTS, generated.size(0));
            Tensor shown = generated.narrow(0, 0, n);
            chart.scatter("generated", clip(column(shown, 0), extent), clip(column(shown, 1), extent));
        }
        chart.writePng(file);
    }

    /** One line per run: the share of modes covered (or of high-quality samples) after each scored step. */
    static void overTime(List<MixtureRun.Result> runs, boolean quality, String title, Path file) throws IOException {
        Chart chart = Chart.of(title, "generator steps", quality ? "high-quality share" : "share of modes covered");
        for (MixtureRun.Result run : runs) {
            double[] step = new double[run.history().size()];
            double[] value = new double[step.length];
            for (int i = 0; i < step.length; i++) {
                MixtureRun.Score s = run.history().get(i);
                step[i] = s.step();
                value[i] = quality ? s.coverage().highQualityShare()
                        : (double) s.coverage().modesCovered() / s.coverage().modeCount();
            }
            chart.line(run.recipe().name(), step, value);
        }
        chart.yRange(0, 1).writePng(file);
    }

    private static double halfWidth(GaussianMixture2d mixture) {
        double max = 0;
        for (int m = 0; m < mixture.modeCount(); m++) {
            double[] mode = mixture.mode(m);
            max = Math.max(max, Math.max(Math.abs(mode[0]), Math.abs(mode[1])));
        }
        return max * 1.5;
    }

    private static double[] column(Tensor xy, int c) {
        double[] flat = xy.toDoubleArray();
        double[] out = new double[xy.size(0)];
        for (int i = 0; i < out.length; i++) {
            out[i] = flat[2 * i + c];
        }
        return out;
    }

    /** Points far outside are drawn at the border, so that a run that diverges still shows them. */
    private static double[] clip(double[] v, double extent) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(-extent, Math.min(extent, out[i]));
        }
        return out;
    }
}
