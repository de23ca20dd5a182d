package dev.jgan.core.ops;

import dev.jgan.core.Tensor;

import java.util.List;
import java.util.function.Function;

/**
 * A forward value worked out by hand: tiny inputs, the op, and the expected output, so that the
 * forward kernels are checked against arithmetic rather than against themselves.
 */
record ForwardExample(String description, Function<List<Tensor>, Tensor> fn, List<Tensor> inputs,
                      int[] expectedShape, double[] expected) {

    @Override
    public String toString() {
        return description;
    }
}
