package dev.jgan.core.backend.cpu;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.ReduceOp;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streamed batch of products ({@link BatchSummedMatmul}) against what it replaces on the same
 * backend: matmul into an [N, ..., M, P] tensor, then the fast sum over dim 0. Bit for bit, since
 * every convolution weight gradient of the recorded training runs goes through it; and within
 * float32 rounding of the reference loops.
 */
class BatchSummedMatmulTest {
    private final CpuBackend cpu = new CpuBackend();

    @ParameterizedTest(name = "N {0}, groups {1}, [{2} x {3}] @ [{3} x {4}], layout {5}")
    @CsvSource({
            "1, 1, 3, 5, 7, plain", "2, 1, 1, 1, 2, plain", "5, 1, 13, 17, 19, plain", "64, 1, 8, 16, 32, plain",
            "7, 3, 5, 9, 11, plain", "6, 2, 7, 300, 40, plain", "3, 1, 100, 0, 9, plain",
            // A convolution's weight gradient: g [N, G, M, L] against the columns seen transposed.
            "64, 1, 16, 64, 48, convolution", "9, 2, 13, 37, 70, convolution",
            "4, 1, 131, 67, 259, narrowed", "256, 1, 2, 3, 5, plain", "9, 1, 7, 100, 45, plain",
            "4, 1, 7, 33, 1100, convolution", "3, 1, 200, 20, 1030, plain"})
    void streamedSumHasTheBitsOfMatmulThenSum(int n, int groups, int m, int k, int p, String layout) {
        Generator gen = new Generator(n * 7919L + groups * 131L + m * 17L + k * 3L + p);
        Tensor a;
        Tensor b;
        switch (layout) {
            case "convolution" -> {
                a = Tensor.randn(gen, n, groups, m, k);
                // Batch-inner columns [G, K, N, L] seen as [N, G, K, L], then transposed to [N, G, L, K].
                b = Tensor.randn(gen, groups, p, n, k).permute(2, 0, 1, 3).transpose(-1, -2);
            }
            case "narrowed" -> {
                a = Tensor.randn(gen, n, m + 1, k + 2).narrow(1, 1, m).narrow(2, 2, k);
                b = Tensor.randn(gen, n + 1, p, k).narrow(0, 1, n).transpose(-1, -2);
            }
            default -> {
                a = Tensor.randn(gen, shape(n, groups, m, k));
                b = Tensor.randn(gen, shape(n, groups, k, p));
            }
        }
        Tensor streamed = Tensor.empty(cpu, DType.FLOAT32, shape(1, groups, m, p));
        assertTrue(cpu.tryMatmulSummedOverBatch(a.operand(), b.operand(), streamed.operand()),
                "the fast backend takes this case");
        assertArrayEquals(twoSteps(cpu, a, b).toFloatArray(), streamed.toFloatArray());
        // And within float32 rounding of the reference loops, which sum in double.
        CpuBackend reference = CpuBackend.reference();
        double[] exact = twoSteps(reference, a, b).toDoubleArray();
        double[] scale = twoSteps(reference, a.abs(), b.abs()).toDoubleArray();
        double[] fast = streamed.toDoubleArray();
        for (int i = 0; i < exact.length; i++) {
            assertEquals(exact[i], fast[i], 1e-5 * scale[i], "element " + i);
        }
    }

    @Test
    void subnormalsAndSignedZerosGiveTheBitsOfTheTwoSteps() {
        float tiny = Float.MIN_VALUE;
        Tensor a = Tensor.fromArray(new float[]{-0f, -0f, -0f, -tiny, -0f, 0f}, 3, 2, 1);
        Tensor b = Tensor.fromArray(new float[]{1f, -2f, 3f}, 3, 1, 1);
        Tensor out = Tensor.empty(cpu, DType.FLOAT32, 1, 2, 1);
        assertTrue(cpu.tryMatmulSummedOverBatch(a.operand(), b.operand(), out.operand()));
        assertArrayEquals(twoSteps(cpu, a, b).toFloatArray(), out.toFloatArray());
    }

    @Test
    void aOneElementSumIsDeclined() {
        // The fast sum reduces a one-element result as a last dim, eight partial sums at a time.
        Tensor a = Tensor.fromArray(new float[]{1f, 2f, 3f, 4f, 5f, 6f}, 3, 1, 2);
        Tensor b = Tensor.fromArray(new float[]{1f, 2f, 3f, 4f, 5f, 6f}, 3, 2, 1);
        assertFalse(cpu.tryMatmulSummedOverBatch(a.operand(), b.operand(),
                Tensor.empty(cpu, DType.FLOAT32, 1, 1, 1).operand()));
    }

    @Test
    void longBatchesAndTheReferenceBackendAreDeclined() {
        Generator gen = new Generator(3);
        Tensor a = Tensor.randn(gen, 257, 2, 3);
        Tensor b = Tensor.randn(gen, 257, 3, 2);
        assertFalse(cpu.tryMatmulSummedOverBatch(a.operand(), b.operand(),
                Tensor.empty(cpu, DType.FLOAT32, 1, 2, 2).operand()),
                "past 256 rows the fast sum adds blocks in double");
        assertFalse(CpuBackend.reference().tryMatmulSummedOverBatch(a.narrow(0, 0, 4).operand(),
                b.narrow(0, 0, 4).operand(), Tensor.empty(cpu, DType.FLOAT32, 1, 2, 2).operand()));
    }

    private static Tensor twoSteps(CpuBackend backend, Tensor a, Tensor b) {
        int rank = a.dim();
        int[] productShape = a.shape().clone();
        productShape[rank - 1] = b.size(-1);
        Tensor products = Tensor.empty(backend, DType.FLOAT32, productShape);
        backend.matmul(a.operand(), b.operand(), products.operand());
        int[] keptShape = productShape.clone();
        keptShape[0] = 1;
        Tensor kept = Tensor.empty(backend, DType.FLOAT32, keptShape);
        boolean[] batchDim = new boolean[rank];
        batchDim[0] = true;
        backend.reduce(ReduceOp.SUM, products.operand(), batchDim, kept.operand());
        return kept;
    }

    /** [n, groups, rows, cols], without the groups dim when there is one group. */
    private static int[] shape(int n, int groups, int rows, int cols) {
        return groups == 1 ? new int[]{n, rows, cols} : new int[]{n, groups, rows, cols};
    }
}
