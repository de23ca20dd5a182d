package dev.jgan.core.backend.cpu;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The float32 fast matmul through the backend against the reference loop (double), within float32 rounding. */
class MatmulFastPathTest {
    private final CpuBackend cpu = new CpuBackend();

    @ParameterizedTest(name = "[{0} x {1}] @ [{1} x {2}], layout {3}")
    @CsvSource({
            "1, 1, 1, plain", "1, 7, 1, plain", "3, 5, 7, plain", "4, 4, 4, plain", "5, 129, 3, plain",
            "37, 131, 13, plain", "67, 257, 515, plain", "128, 100, 64, plain",
            "13, 17, 19, transposedA", "13, 17, 19, transposedB", "13, 17, 19, transposedOut",
            "64, 784, 128, transposedB", "61, 67, 71, batched", "300, 64, 200, transposedA",
            "64, 300, 257, transposedB", "7, 513, 33, transposedBoth", "97, 29, 1030, narrowed"})
    void fastPathMatchesReference(int m, int k, int n, String layout) {
        Generator gen = new Generator(m * 1000L + k * 10L + n);
        Tensor a;
        Tensor b;
        switch (layout) {
            case "transposedA" -> {
                a = Tensor.randn(gen, k, m).t();
                b = Tensor.randn(gen, k, n);
            }
            case "transposedB" -> {
                a = Tensor.randn(gen, m, k);
                b = Tensor.randn(gen, n, k).t();
            }
            case "transposedBoth" -> {
                a = Tensor.randn(gen, k, m).t();
                b = Tensor.randn(gen, n, k).t();
            }
            case "narrowed" -> {
                // Views that start inside their storage and skip elements between rows.
                a = Tensor.randn(gen, m + 2, k + 3).narrow(0, 2, m).narrow(1, 1, k);
                b = Tensor.randn(gen, k + 1, n + 5).narrow(0, 1, k).narrow(1, 5, n);
            }
            case "batched" -> {
                a = Tensor.randn(gen, 3, m, k);
                b = Tensor.randn(gen, 1, k, n).expand(3, k, n);
            }
            default -> {
                a = Tensor.randn(gen, m, k);
                b = Tensor.randn(gen, k, n);
            }
        }
        int[] outShape = a.dim() == 3 ? new int[]{3, m, n} : new int[]{m, n};
        Tensor fast;
        if (layout.equals("transposedOut")) {
            fast = Tensor.zeros(n, m).t();
        } else {
            fast = Tensor.empty(cpu, DType.FLOAT32, outShape);
        }
        Tensor reference = Tensor.empty(cpu, DType.FLOAT32, outShape);
        cpu.matmul(a.operand(), b.operand(), fast.operand());
        CpuBackend.reference().matmul(a.operand(), b.operand(), reference.operand());
        assertArrayEquals(previousFastPath(a, b), fast.toFloatArray(),
                "identical bits to the previous fast path, which summed in the same order");
        double[] f = fast.toDoubleArray();
        double[] r = reference.toDoubleArray();
        for (int i = 0; i < r.length; i++) {
            // float32 sums of k products in another order: error grows like sqrt(k) ulps of the terms.
            assertEquals(r[i], f[i], 1e-5 * Math.sqrt(k) * 4 + 1e-5 * Math.abs(r[i]), "element " + i);
        }
    }

    /** What BlockedMatmul, the fast path before PackedMatmul, returned: on row-major copies, batch by batch. */
    private static float[] previousFastPath(Tensor a, Tensor b) {
        int m = a.size(-2);
        int k = a.size(-1);
        int n = b.size(-1);
        int batches = a.dim() == 3 ? a.size(0) : 1;
        float[] aData = a.contiguousCopy().toFloatArray();
        float[] bData = b.contiguousCopy().toFloatArray();
        float[] c = new float[batches * m * n];
        for (int batch = 0; batch < batches; batch++) {
            BlockedMatmul.multiply(aData, batch * m * k, bData, batch * k * n, c, batch * m * n, m, k, n);
        }
        return c;
    }
}
