package dev.jgan.tutorials.gradcheck;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.autograd.Op;

import java.util.function.UnaryOperator;

/**
 * tanh recorded by hand with a backward formula of our choosing: the chapter's stand-in for a
 * newly written op, so that we can get its derivative wrong on purpose and watch gradcheck
 * catch it. Core's own tanh is not touched.
 */
final class HandWrittenTanh {
    /** The bug: 1 - y, the square forgotten. Right at y = 0 and y = 1, wrong everywhere else. */
    static final UnaryOperator<Tensor> SQUARE_FORGOTTEN = y -> y.neg().add(1.0);

    /** The fix: tanh'(x) = 1 - tanh(x)^2 = 1 - y^2. */
    static final UnaryOperator<Tensor> RIGHT = y -> y.mul(y).neg().add(1.0);

    /**
     * The right numbers from values detached from the graph: the backward gives correct first
     * derivatives, but autograd sees it as a constant, so its own derivative is lost.
     */
    static final UnaryOperator<Tensor> DETACHED = y -> y.detach().mul(y.detach()).neg().add(1.0);

    private HandWrittenTanh() {
    }

    /** y = tanh(x), with dy/dx = derivative(y) recorded as the backward. */
    static Tensor tanh(Tensor x, UnaryOperator<Tensor> derivative) {
        Tensor y;
        try (GradMode.Scope scope = GradMode.noGrad()) {
            y = x.tanh();
        }
        return Autograd.record(Op.TANH, y, g -> new Tensor[]{g.mul(derivative.apply(y))}, x);
    }
}
