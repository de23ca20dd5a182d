package dev.jgan.core.backend.cpu;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Operand;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which batches batch norm's fused kernels take. Their bits are held to the composition of
 * tensor ops by {@code BatchNormFusionTest}, which passes whether they run or decline; this test
 * makes sure they run where FastReduce's order allows, and decline where it does not.
 */
class FastBatchNormTest {

    @ParameterizedTest(name = "{0}: taken {1}")
    @CsvSource({"8x3x5x5, true", "64x128x16x16, true", "3x2x64x64, true", "6x5, true", "4x3x1x1, true",
            "256x3, true", "2x2x65x65, false", "300x2, false", "1x3x4x4, false", "5x1x4x4, false", "5x1, false"})
    void everyKernelTakesTheSameBatches(String dims, boolean taken) {
        int[] shape = Arrays.stream(dims.split("x")).mapToInt(Integer::parseInt).toArray();
        assertEquals(taken ? 5 : 0, kernelsTaking(new CpuBackend(), DType.FLOAT32, shape));
        assertEquals(0, kernelsTaking(CpuBackend.reference(), DType.FLOAT32, shape), "the reference runs tensor ops");
    }

    @Test
    void float64IsDeclined() {
        assertEquals(0, kernelsTaking(new CpuBackend(), DType.FLOAT64, new int[]{4, 3, 2, 2}));
    }

    /** How many of the five kernels run on a batch of this shape. */
    private static int kernelsTaking(CpuBackend backend, DType dtype, int[] shape) {
        Generator gen = new Generator(5);
        int c = shape[1];
        Operand x = Tensor.randn(gen, shape).to(dtype).to(backend).operand();
        Operand g = Tensor.randn(gen, shape).to(dtype).to(backend).operand();
        Operand[] v = new Operand[6];
        for (int i = 0; i < v.length; i++) {
            v[i] = Tensor.rand(gen, c).add(0.5).to(dtype).to(backend).operand();
        }
        Operand out = Tensor.empty(backend, dtype, shape).operand();
        int taken = 0;
        taken += backend.trySquaredDeviationSums(x, v[0], channels(backend, dtype, c)) ? 1 : 0;
        taken += backend.tryNormalize(x, v[0], v[1], v[2], v[3], out) ? 1 : 0;
        taken += backend.tryGradientSums(g, x, v[0], v[1], v[4], v[2], channels(backend, dtype, c),
                channels(backend, dtype, c), channels(backend, dtype, c), channels(backend, dtype, c)) ? 1 : 0;
        taken += backend.tryVarianceMeanSums(x, v[0], v[5], channels(backend, dtype, c)) ? 1 : 0;
        taken += backend.tryInputGradient(g, x, v[0], v[1], v[2], v[5], v[3], v[4], out) ? 1 : 0;
        return taken;
    }

    private static Operand channels(CpuBackend backend, DType dtype, int c) {
        return Tensor.empty(backend, dtype, c).operand();
    }
}
