package dev.jgan.tutorials.gradcheck;

import dev.jgan.core.Tensor;
import dev.jgan.core.gradcheck.GradCheck;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * gradcheck at and near points where a function has no derivative: the kink of relu and abs at
 * 0, and ties of max. Central differences straddle the kink and average the two one-sided
 * slopes, which need not match the value the backward formula picks there.
 */
final class Kinks {
    /** One function of a 1-D float64 input at chosen values. */
    record Case(String description, UnaryOperator<Tensor> fn, double... x) {
    }

    static final List<Case> CASES = List.of(
            new Case("relu at 0", Tensor::relu, 0.0),
            new Case("relu at 0.05 (the registry's margin)", Tensor::relu, 0.05),
            new Case("abs at 3e-7, within eps of its kink", Tensor::abs, 3e-7),
            new Case("abs at 0.05", Tensor::abs, 0.05),
            new Case("max of [1, 1, 1], a three-way tie", Tensor::max, 1, 1, 1),
            new Case("max of [1, 1], a two-way tie", Tensor::max, 1, 1),
            new Case("max of [1, 1.2, 1.4] (a shuffled grid)", Tensor::max, 1.2, 1.4, 1.0));

    private Kinks() {
    }

    /** "passed", or gradcheck's message. */
    static String check(Case c) {
        Tensor x = Tensor.fromArray(c.x(), c.x().length).requiresGrad(true);
        return Outcome.of(() -> GradCheck.gradcheck(in -> c.fn().apply(in.get(0)), x));
    }
}
