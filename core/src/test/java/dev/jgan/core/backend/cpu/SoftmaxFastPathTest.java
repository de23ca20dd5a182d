package dev.jgan.core.backend.cpu;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.cpu.Layouts.Layout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

/** Softmax along the last dim: the fast path does the reference's arithmetic, so results are equal. */
class SoftmaxFastPathTest {
    private final CpuBackend fast = new CpuBackend();
    private final CpuBackend reference = CpuBackend.reference();

    @ParameterizedTest(name = "log = {0}")
    @ValueSource(booleans = {false, true})
    void matchesReference(boolean log) {
        int[][] shapes = {{1, 1}, {1, 7}, {7, 1}, {64, 10}, {13, 257}, {300, 300}};
        for (int[] shape : shapes) {
            for (Layout in : new Layout[]{Layout.CONTIGUOUS, Layout.OFFSET, Layout.TRANSPOSED, Layout.SLICED, Layout.ROW}) {
                for (Layout out : new Layout[]{Layout.CONTIGUOUS, Layout.TRANSPOSED}) {
                    // A special value in one element of 64: rows with infinities and NaN too.
                    Tensor x = Layouts.make(in, new Random(shape[0] + shape[1]), 64, shape[0], shape[1]);
                    check(x, x.dim() - 1, log, Layouts.output(out, shape[0], shape[1]), Layouts.output(out, shape[0], shape[1]),
                            java.util.Arrays.toString(shape) + " " + in + " into " + out);
                }
            }
        }
        Tensor cube = Tensor.fromArray(Layouts.values(new Random(2), 2 * 3 * 5, 0), 2, 3, 5);
        check(cube, 2, log, Tensor.zeros(2, 3, 5), Tensor.zeros(2, 3, 5), "[2, 3, 5] along dim 2");
        // Not along the last dim: the fast path declines and the reference answers, the same result.
        check(cube, 1, log, Tensor.zeros(2, 3, 5), Tensor.zeros(2, 3, 5), "[2, 3, 5] along dim 1");
    }

    private void check(Tensor x, int dim, boolean log, Tensor fastOut, Tensor referenceOut, String what) {
        fast.softmax(x.operand(), dim, log, fastOut.operand());
        reference.softmax(x.operand(), dim, log, referenceOut.operand());
        Layouts.assertMatches(referenceOut, fastOut, 0, (log ? "logSoftmax " : "softmax ") + what);
    }
}
