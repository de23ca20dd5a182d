package dev.jgan.tutorials.gradcheck;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.autograd.Op;

/**
 * Exercise 3 (README, "Exercises"): a sigmoid recorded by hand, as section 3 records tanh. Its
 * backward has a bug planted in it. It compiles, it runs, training with it would even move the
 * loss. Find the bug with gradcheck (the exercise test prints its report) and fix it here.
 */
public final class HandWrittenSigmoid {
    private HandWrittenSigmoid() {
    }

    /** y = sigmoid(x) = 1 / (1 + e^-x), with a hand-written backward. */
    public static Tensor sigmoid(Tensor x) {
        Tensor y;
        try (GradMode.Scope scope = GradMode.noGrad()) {
            y = x.sigmoid();
        }
        // sigmoid'(x) = sigmoid(x) (1 - sigmoid(x)) = y (1 - y)
        return Autograd.record(Op.SIGMOID, y, g -> new Tensor[]{g.mul(y.mul(x.neg().add(1.0)))}, x);
    }
}
