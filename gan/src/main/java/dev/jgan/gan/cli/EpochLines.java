package dev.jgan.gan.cli;

import dev.jgan.gan.run.ProgressListener;
import dev.jgan.gan.train.StepResult;

import java.io.PrintWriter;

/** One line per epoch with the epoch's mean losses: for logs and terminals without a bar. */
final class EpochLines implements ProgressListener {
    private final PrintWriter out;
    private double dLoss;
    private double gLoss;
    private double dReal;
    private double dFake;
    private int steps;
    private int gSteps;

    EpochLines(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void step(StepResult r, int epoch) {
        dLoss += r.discriminatorLoss();
        dReal += r.dReal();
        dFake += r.dFake();
        steps++;
        if (r.generatorStepped()) {
            gLoss += r.generatorLoss();
            gSteps++;
        }
    }

    @Override
    public void epochDone(int epoch, int epochs) {
        out.printf("epoch %d/%d: D loss %.4f, G loss %.4f, D(x) %.3f, D(G(z)) %.3f%n", epoch + 1, epochs,
                dLoss / steps, gLoss / Math.max(gSteps, 1), dReal / steps, dFake / steps);
        dLoss = gLoss = dReal = dFake = 0;
        steps = gSteps = 0;
    }
}
