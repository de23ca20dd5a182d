package dev.jgan.core.conformance;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;

/** softmax and log-softmax along each dim, on every backend, against {@link Oracle#softmax}. */
public abstract class SoftmaxConformance extends ConformanceSuite {
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void everyDimOfEveryLayout(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        Random random = new Random(41);
        for (Layout layout : List.of(Layout.contiguous(4, 37), Layout.transposed(4, 37), Layout.gapped(3, 5, 7),
                Layout.broadcast(new int[]{3, 5, 7}, 1), Layout.contiguous(2, 301), Layout.contiguous(1, 1))) {
            // Large values: without subtracting the maximum, exp would overflow.
            Layout.Pair x = layout.random(backend, dtype, random, -100, 100);
            for (int dim = 0; dim < layout.shape().length; dim++) {
                check(backend, dtype, x, dim, false, "softmax along " + dim + " of " + layout);
                check(backend, dtype, x, dim, true, "logSoftmax along " + dim + " of " + layout);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void minusInfinityGetsProbabilityZeroAndAnAllMinusInfinityRowIsNan(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        double inf = Double.POSITIVE_INFINITY;
        double[] data = {-inf, 1, 2, -inf, -inf, -inf, -inf, -inf, 0, 0, 0, 0};
        Layout.Pair x = Layout.contiguous(3, 4).over(backend, dtype, data);
        check(backend, dtype, x, 1, false, "softmax with -inf");
        check(backend, dtype, x, 1, true, "logSoftmax with -inf");
    }

    private static void check(Backend backend, DType dtype, Layout.Pair x, int dim, boolean log, String what) {
        Tensor out = Tensor.empty(backend, dtype, x.cpu().shape());
        backend.softmax(x.device().operand(), dim, log, out.operand());
        double[] expected = Oracle.softmax(x.cpu().toDoubleArray(), x.cpu().shape(), dim, log);
        // Probabilities are at most 1; log-probabilities carry the error of x - max, scale 100.
        double eps = dtype == DType.FLOAT32 ? 0x1p-24 : 0x1p-53;
        Expect.close(what, expected, out.toDoubleArray(), 16 * eps, (log ? 400 : 16) * eps);
    }
}
