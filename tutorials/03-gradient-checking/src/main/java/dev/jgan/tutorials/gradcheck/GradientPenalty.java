package dev.jgan.tutorials.gradcheck;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A gradient penalty in the style of WGAN-GP on a one-layer critic D(x) = sum(tanh(x * w)):
 * (|dD/dx| - 1)^2. Its gradient with respect to w runs through tanh's backward formula, so a
 * backward that autograd cannot differentiate gives a wrong answer here without any error.
 */
final class GradientPenalty {
    private GradientPenalty() {
    }

    static Tensor penalty(Tensor x, Tensor w, UnaryOperator<Tensor> tanh) {
        Tensor critic = tanh.apply(x.mul(w)).sum();
        // createGraph: the penalty is built from this gradient and is itself differentiated.
        Tensor dx = Autograd.grad(List.of(critic), List.of(x), null, true, true, false).get(0);
        return dx.pow(2.0).sum().sqrt().sub(1.0).pow(2.0);
    }

    /** d penalty / d w, what the critic's optimizer would follow. */
    static double[] gradientForW(double[] x, double[] w, UnaryOperator<Tensor> tanh) {
        Tensor xs = Tensor.fromArray(x, x.length).requiresGrad(true);
        Tensor ws = Tensor.fromArray(w, w.length).requiresGrad(true);
        Tensor penalty = penalty(xs, ws, tanh);
        return Autograd.grad(List.of(penalty), List.of(ws), null, false, false, false).get(0).toDoubleArray();
    }
}
