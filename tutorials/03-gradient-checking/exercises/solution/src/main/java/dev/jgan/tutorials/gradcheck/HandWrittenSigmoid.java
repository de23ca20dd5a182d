package dev.jgan.tutorials.gradcheck;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.autograd.Op;

/**
 * Exercise 3, solved: a sigmoid recorded by hand, as section 3 records tanh. The planted bug was
 * {@code x} where the formula says {@code y}: y (1 - x) instead of y (1 - y). gradcheck's report
 * shows it: the analytical column is off everywhere except where x = y, and by more as |x| grows.
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
        return Autograd.record(Op.SIGMOID, y, g -> new Tensor[]{g.mul(y.mul(y.neg().add(1.0)))}, x);
    }
}
