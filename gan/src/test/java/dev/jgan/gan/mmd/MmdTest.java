package dev.jgan.gan.mmd;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MmdTest {
    private static final double[] BANDWIDTHS = {0.5, 1.0, 2.0};

    @Test
    void identicalSamplesHaveZeroDiscrepancy() {
        Tensor x = Tensor.randn(new Generator(1), 20, 2);
        assertEquals(0.0, Mmd.squared(x, x, BANDWIDTHS).item(), 1e-5);
    }

    @Test
    void discrepancyGrowsWithTheShiftBetweenDistributions() {
        Generator gen = new Generator(2);
        Tensor x = Tensor.randn(gen, 200, 2);
        Tensor y = Tensor.randn(gen, 200, 2);
        double same = Mmd.squared(x, y, BANDWIDTHS).item();
        double near = Mmd.squared(x, y.add(0.5), BANDWIDTHS).item();
        double far = Mmd.squared(x, y.add(2.0), BANDWIDTHS).item();
        assertTrue(same < near && near < far, same + " < " + near + " < " + far);
    }

    @Test
    void matchesTheDefinitionComputedPairByPair() {
        Tensor x = Tensor.fromArray(new double[]{0, 0, 1, 0}, 2, 2);
        Tensor y = Tensor.fromArray(new double[]{0, 1}, 1, 2);
        double s = 1.0;
        double kxx = (1 + Math.exp(-1 / 2.0) * 2 + 1) / 4;
        double kyy = 1;
        double kxy = (Math.exp(-1 / 2.0) + Math.exp(-2 / 2.0)) / 2;
        assertEquals(kxx + kyy - 2 * kxy, Mmd.squared(x, y, s).item(), 1e-12);
    }

    @Test
    void gradientWithRespectToGeneratedSamplesPassesGradcheck() {
        Tensor x = Tensor.normal(new Generator(3), DType.FLOAT64, 0, 1, 4, 2).requiresGrad(true);
        Tensor y = Tensor.normal(new Generator(4), DType.FLOAT64, 0.5, 1, 3, 2);
        GradCheck.gradcheck(in -> Mmd.squared(in.get(0), y, BANDWIDTHS), x);
    }
}
