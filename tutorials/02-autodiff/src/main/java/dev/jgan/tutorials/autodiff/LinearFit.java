package dev.jgan.tutorials.autodiff;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.random.Generator;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Fits y = w x + b to noisy samples of y = 3x + 2 by plain gradient descent, with nothing but
 * core: tensors, backward() and in-place updates. No layers, no optimizer objects.
 */
final class LinearFit {
    static final double TRUE_W = 3.0;
    static final double TRUE_B = 2.0;
    static final int SAMPLES = 100;
    static final double NOISE_STD = 0.1;

    private final Tensor x;
    private final Tensor y;
    private final double noiseMeanSquare;
    private final Tensor w = Tensor.zeros().requiresGrad(true);
    private final Tensor b = Tensor.zeros().requiresGrad(true);

    /** The learned parameters and the loss they reach. */
    record Result(double w, double b, double loss) {
    }

    /** Draws the data set from {@code seed}: x uniform in [-1, 1), y = 3x + 2 plus normal noise. */
    LinearFit(long seed) {
        Generator gen = new Generator(seed);
        x = Tensor.uniform(gen, DType.FLOAT32, -1.0, 1.0, SAMPLES);
        Tensor noise = Tensor.normal(gen, DType.FLOAT32, 0.0, NOISE_STD, SAMPLES);
        y = x.mul(TRUE_W).add(TRUE_B).add(noise);
        noiseMeanSquare = noise.pow(2.0).mean().item();
    }

    /** The loss the true line would have on this data: a floor that no fit gets far below. */
    double noiseMeanSquare() {
        return noiseMeanSquare;
    }

    /** The mean squared error of the current line on the data: a fresh graph every call. */
    Tensor loss() {
        return x.mul(w).add(b).sub(y).pow(2.0).mean();
    }

    /**
     * Runs {@code steps} steps of gradient descent with learning rate {@code lr}, printing the
     * loss and parameters every {@code printEvery} steps to {@code progress}.
     */
    Result fit(int steps, double lr, PrintStream progress, int printEvery) {
        for (int step = 0; step < steps; step++) {
            Tensor loss = loss();
            loss.backward();
            if (step % printEvery == 0) {
                progress.println(String.format(Locale.ROOT, "step %3d  loss %.6f  w %.4f  b %.4f",
                        step, loss.item(), w.item(), b.item()));
            }
            // The update must not be recorded: it is not part of the function being differentiated.
            try (GradMode.Scope scope = GradMode.noGrad()) {
                w.add_(w.grad(), -lr);
                b.add_(b.grad(), -lr);
            }
            // backward() adds into .grad; clear it so the next step sees only its own gradient.
            w.zeroGrad();
            b.zeroGrad();
        }
        return new Result(w.item(), b.item(), loss().item());
    }
}
