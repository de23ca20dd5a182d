package dev.jgan.nn;

import dev.jgan.core.Tensor;

/** 1 / (1 + e^-x) elementwise. */
public final class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.sigmoid();
    }
}
