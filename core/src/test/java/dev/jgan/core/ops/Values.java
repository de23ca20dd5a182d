package dev.jgan.core.ops;

import dev.jgan.core.Tensor;

/** Short float64 literals for the hand-computed forward examples. */
final class Values {
    private Values() {
    }

    static Tensor vec(double... values) {
        return Tensor.fromArray(values, values.length);
    }

    /** A matrix with {@code rows} rows, values in row-major order. */
    static Tensor mat(int rows, double... values) {
        return Tensor.fromArray(values, rows, values.length / rows);
    }

    static Tensor of(int[] shape, double... values) {
        return Tensor.fromArray(values, shape);
    }

    static Tensor scalar(double value) {
        return Tensor.fromArray(new double[]{value});
    }

    static int[] shape(int... sizes) {
        return sizes;
    }
}
