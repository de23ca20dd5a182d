package dev.jgan.gan.cli;

import dev.jgan.gan.run.ProgressListener;
import dev.jgan.gan.run.Recipe;
import dev.jgan.gan.run.RunConfig;
import dev.jgan.gan.run.Summary;
import dev.jgan.gan.train.StepResult;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar with ETA and the running D loss, G loss, D(x) and D(G(z)). */
final class ProgressBarListener implements ProgressListener {
    /** Exponential moving average weight of the newest step in the read-outs. */
    private static final double SMOOTHING = 0.1;
    private ProgressBar bar;
    private double dLoss = Double.NaN;
    private double gLoss = Double.NaN;
    private double dReal = Double.NaN;
    private double dFake = Double.NaN;

    @Override
    public void started(RunConfig config, long totalSteps, long stepsDone) {
        bar = new ProgressBarBuilder().setTaskName(taskName(config))
                .setInitialMax(totalSteps).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                .continuousUpdate().build();
        bar.stepTo(stepsDone);
    }

    /**
     * "train wide-conv on digits": the recipe where it is not gan.py's, since small-conv and
     * wide-conv train a convolutional pair under --model mlp, and the bar said "train mlp".
     */
    static String taskName(RunConfig config) {
        String what = config.recipe() == Recipe.GAN_PY ? config.model().cliName() : config.recipe().cliName();
        return "train " + what + " on " + config.data();
    }

    @Override
    public void step(StepResult r, int epoch) {
        dLoss = smooth(dLoss, r.discriminatorLoss());
        gLoss = r.generatorStepped() ? smooth(gLoss, r.generatorLoss()) : gLoss;
        dReal = smooth(dReal, r.dReal());
        dFake = smooth(dFake, r.dFake());
        bar.setExtraMessage(String.format(" epoch %d  D %.3f  G %.3f  D(x) %.2f  D(G(z)) %.2f", epoch + 1, dLoss, gLoss,
                dReal, dFake));
        bar.step();
    }

    private static double smooth(double average, double value) {
        return Double.isNaN(average) ? value : (1 - SMOOTHING) * average + SMOOTHING * value;
    }

    @Override
    public void finished(Summary summary) {
        bar.close();
    }
}
