package dev.jgan.core.conformance;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;

/**
 * Matrix products on every target, against {@link Oracle#matmul}, within the rounding error a
 * sum of k products may have in the dtype: the CPU's packed kernels and plain loop, cuBLAS or
 * our own kernel on a GPU or the emulator.
 */
public abstract class MatmulConformance extends ConformanceSuite {

    /** A product of a [batch..., m, k] and b [batch..., k, n] with the given layouts. */
    record Case(String name, Layout a, Layout b) {
        @Override
        public String toString() {
            return name + ": " + a + " @ " + b;
        }
    }

    /** Sizes of 1, primes, and sizes just past the 16- and 64-wide tiles; transposed, gapped and broadcast operands. */
    private static final List<Case> CASES = List.of(
            new Case("1 x 1", Layout.contiguous(1, 1), Layout.contiguous(1, 1)),
            new Case("primes", Layout.contiguous(7, 13), Layout.contiguous(13, 5)),
            new Case("past the tiles", Layout.contiguous(67, 19), Layout.contiguous(19, 71)),
            new Case("a transposed", Layout.transposed(17, 33), Layout.contiguous(33, 3)),
            new Case("b transposed", Layout.contiguous(3, 33), Layout.transposed(33, 17)),
            new Case("gapped", Layout.gapped(9, 10), Layout.gapped(10, 11)),
            new Case("row vector", Layout.contiguous(1, 40), Layout.contiguous(40, 6)),
            new Case("inner size 0", Layout.contiguous(3, 0), Layout.contiguous(0, 4)),
            new Case("batched", Layout.contiguous(2, 3, 5, 6), Layout.transposed(2, 3, 6, 4)),
            new Case("broadcast batch", Layout.broadcast(new int[]{2, 3, 5, 6}, 0, 1), Layout.contiguous(2, 3, 6, 4)));

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void backendMatmulOnAwkwardSizesAndLayouts(ConformanceTarget target, DType dtype) {
        check(target.backend(), dtype);
    }

    /** Every case on the backend in one dtype; a CUDA module's own tests reuse it for each rung of its ladder. */
    public static void check(Backend backend, DType dtype) {
        Random random = new Random(51);
        for (Case c : CASES) {
            Layout.Pair a = c.a().random(backend, dtype, random, -1, 1);
            Layout.Pair b = c.b().random(backend, dtype, random, -1, 1);
            int rank = c.a().shape().length;
            int m = c.a().shape()[rank - 2];
            int k = c.a().shape()[rank - 1];
            int n = c.b().shape()[rank - 1];
            int[] outShape = c.a().shape().clone();
            outShape[rank - 1] = n;
            int batches = a.cpu().numel() / Math.max(1, m * k);
            if (k == 0) {
                batches = 1;
            }
            Tensor out = Tensor.empty(backend, dtype, outShape);
            // Garbage in the output first: a kernel must overwrite, not accumulate into, C.
            backend.fill(out.operand(), Double.NaN);
            backend.matmul(a.device().operand(), b.device().operand(), out.operand());
            double[] magnitude = new double[batches * m * n];
            double[] expected = Oracle.matmul(a.cpu().toDoubleArray(), b.cpu().toDoubleArray(), batches, m, k, n, magnitude);
            double[] actual = out.toDoubleArray();
            double eps = dtype == DType.FLOAT32 ? 0x1p-24 : 0x1p-53;
            for (int i = 0; i < expected.length; i++) {
                double bound = (k + 2) * eps * magnitude[i] + Double.MIN_NORMAL;
                Expect.close(backend + " " + dtype + " " + c + " element " + i, new double[]{expected[i]},
                        new double[]{actual[i]}, 0, bound);
            }
        }
    }
}
