package dev.jgan.core.parity;

import dev.jgan.core.DType;
import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * How close jgan must come to PyTorch: |actual - expected| <= atol + rtol |expected| for every
 * element. The float32 bounds leave room for a few roundings in a different order (jgan's CPU
 * loops compute in double and round once per kernel; PyTorch rounds every float32 step); the
 * float64 bounds leave room only for that reordering.
 */
record Tolerance(double rtol, double atol) {
    static final Tolerance FLOAT64 = new Tolerance(1e-10, 1e-12);
    static final Tolerance FLOAT32 = new Tolerance(1e-5, 1e-6);

    static Tolerance of(DType dtype) {
        return dtype == DType.FLOAT64 ? FLOAT64 : FLOAT32;
    }

    /** Fails naming {@code what}, the worst element, its index and how many elements are off. */
    void assertClose(String what, FixtureTensor expected, Tensor actual) {
        assertNotNull(actual, what + ": jgan produced nothing (no gradient reached this input)");
        assertArrayEquals(expected.shape(), actual.shape(), () -> what + ": shape " + Shape.format(actual.shape())
                + ", PyTorch " + Shape.format(expected.shape()));
        // Through the tensor, so a float32 expectation is compared as the exact float PyTorch had.
        double[] want = expected.toTensor(actual.dtype()).toDoubleArray();
        double[] got = actual.toDoubleArray();
        int worst = -1;
        double worstExcess = 0;
        int bad = 0;
        for (int i = 0; i < want.length; i++) {
            double bound = atol + rtol * Math.abs(want[i]);
            double diff = Math.abs(got[i] - want[i]);
            if (!(diff <= bound)) {
                bad++;
                double excess = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff / bound;
                if (worst < 0 || excess > worstExcess) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        if (bad > 0) {
            fail(what + ": " + bad + " of " + want.length + " elements differ from PyTorch beyond rtol " + rtol
                    + ", atol " + atol + "; worst at index " + Arrays.toString(index(worst, expected.shape()))
                    + ": jgan " + got[worst] + ", PyTorch " + want[worst] + " (|difference| "
                    + Math.abs(got[worst] - want[worst]) + ")");
        }
    }

    private static int[] index(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
