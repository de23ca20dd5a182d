package dev.jgan.core.ops;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * pow(a, b) at a = ±0, where a^b log a is 0 * -inf or inf * -inf. Expected values from PyTorch
 * 1.13 in float64: {@code A.pow(B).backward()} then A.grad and B.grad.
 */
class PowAtZeroTest {
    private static double[] grads(double a, double b, double g) {
        Tensor ta = Tensor.scalar(a).to(DType.FLOAT64).requiresGrad(true);
        Tensor tb = Tensor.scalar(b).to(DType.FLOAT64).requiresGrad(true);
        ta.pow(tb).backward(Tensor.scalar(g).to(DType.FLOAT64), false, false);
        return new double[]{ta.grad().item(), tb.grad().item()};
    }

    private static void check(double a, double b, double gradA, double gradB) {
        double[] got = grads(a, b, 1.0);
        String what = "pow(" + a + ", " + b + ")";
        assertEquals(gradA, got[0], what + " d/da");
        assertEquals(gradB, got[1], what + " d/db");
    }

    @Test
    void negativeExponentAtZeroGivesInfinitiesAsPyTorch() {
        check(0.0, -1.0, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
        check(0.0, -2.0, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
        check(0.0, -0.5, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
        check(-0.0, -1.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        check(-0.0, -2.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        check(-0.0, -0.5, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    @Test
    void nonNegativeExponentAtZeroHasExponentGradientZero() {
        check(0.0, 0.0, 0.0, 0.0);
        check(0.0, 2.0, 0.0, 0.0);
        check(-0.0, 0.0, 0.0, 0.0);
        check(-0.0, 2.0, -0.0, 0.0);
    }

    @Test
    void zeroIncomingGradientTimesAnInfiniteDerivativeIsNaN() {
        assertEquals(Double.NaN, grads(0.0, -1.0, 0.0)[1]);
    }
}
