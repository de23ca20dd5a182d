package dev.jgan.tutorials.gradcheck;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;

import java.util.List;

/**
 * The derivative of tanh at one point by forward and by central differences, every step computed
 * in one dtype. Large steps show each formula's truncation error; small steps show the dtype's
 * rounding error taking over.
 */
final class FiniteDifferences {
    /** The point. tanh'' and tanh''' are both far from zero there, so neither error term vanishes. */
    static final double X = 0.5;

    /** The steps of the table, from coarse to far below what float32 can resolve at X. */
    static final List<Double> STEPS = List.of(1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-8, 1e-10);

    /** The absolute errors of both formulas in both dtypes for one step. */
    record Row(double eps, double forward64, double central64, double forward32, double central32) {
    }

    private FiniteDifferences() {
    }

    /** tanh'(x) = 1 - tanh(x)^2, the value both formulas approximate. */
    static double exact() {
        double y = Math.tanh(X);
        return 1 - y * y;
    }

    static Row row(double eps) {
        return new Row(eps, error(forward(DType.FLOAT64, eps)), error(central(DType.FLOAT64, eps)),
                error(forward(DType.FLOAT32, eps)), error(central(DType.FLOAT32, eps)));
    }

    static double forward(DType dtype, double eps) {
        Tensor x = Tensor.fromArray(new double[]{X}).to(dtype);
        return x.add(eps).tanh().sub(x.tanh()).div(eps).item();
    }

    static double central(DType dtype, double eps) {
        Tensor x = Tensor.fromArray(new double[]{X}).to(dtype);
        return x.add(eps).tanh().sub(x.sub(eps).tanh()).div(2 * eps).item();
    }

    private static double error(double approximation) {
        return Math.abs(approximation - exact());
    }
}
