package dev.jgan.nn;

import dev.jgan.core.Tensor;

/** tanh elementwise: the usual last layer of a generator whose images live in [-1, 1]. */
public final class Tanh extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.tanh();
    }
}
