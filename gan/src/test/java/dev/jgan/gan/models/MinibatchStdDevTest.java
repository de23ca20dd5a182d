package dev.jgan.gan.models;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MinibatchStdDevTest {
    /** Rows (1, 10), (3, 10): feature spreads 1 and 0, so every row gets (1 + sqrt(1e-8)) / 2. */
    @Test
    void appendsTheMeanOverFeaturesOfEachFeaturesSpreadToEveryRow() {
        Tensor x = Tensor.fromArray(new double[]{1, 10, 3, 10}, 2, 2);
        Tensor out = new MinibatchStdDev().forward(x);
        assertArrayEquals(new int[]{2, 3}, out.shape());
        double spread = (Math.sqrt(1 + MinibatchStdDev.EPS) + Math.sqrt(MinibatchStdDev.EPS)) / 2;
        assertArrayEquals(new double[]{1, 10, spread, 3, 10, spread}, out.toDoubleArray(), 1e-15);
    }

    @Test
    void gradientsMatchCentralDifferencesInFloat64() {
        Tensor x = Tensor.randn(new Generator(4), 5, 3).to(DType.FLOAT64).requiresGrad(true);
        GradCheck.gradcheck(in -> new MinibatchStdDev().forward(in.get(0)).pow(2).sum(), x);
        GradCheck.gradgradcheck(in -> new MinibatchStdDev().forward(in.get(0)).pow(2).sum(), x);
    }

    /** What D learns from it: a batch of one image repeated has a spread near 0, a real batch does not. */
    @Test
    void aCollapsedBatchHasNoSpreadAndAVariedOneHas() {
        Tensor varied = Tensor.randn(new Generator(5), 16, 8);
        Tensor collapsed = varied.narrow(0, 0, 1).expand(16, 8).contiguous();
        double variedSpread = new MinibatchStdDev().forward(varied).get(0, 8);
        double collapsedSpread = new MinibatchStdDev().forward(collapsed).get(0, 8);
        assertTrue(variedSpread > 0.8 && collapsedSpread < 1e-3, variedSpread + " and " + collapsedSpread);
    }

    @Test
    void needsRowsOfFeaturesAndAtLeastTwoOfThem() {
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> new MinibatchStdDev().forward(Tensor.zeros(1, 4)));
        assertTrue(one.getMessage().contains("MinibatchStdDev") && one.getMessage().contains("[1, 4]"), one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MinibatchStdDev().forward(Tensor.zeros(2, 4, 4)));
    }

    @Test
    void theMlpGanWithItDiffersFromGanPyOnlyInDsSecondLayer() {
        Gan plain = MlpGan.build(10, 1, 4, 4, new Generator(1));
        Gan withSpread = MlpGan.withMinibatchStdDev(10, 1, 4, 4, MlpGan.GAN_PY_BATCH_NORM_EPS, new Generator(1));
        assertEquals(plain.generator().stateDict().keySet(), withSpread.generator().stateDict().keySet());
        assertArrayEquals(new int[]{256, 512}, plain.discriminator().stateDict().get("3.weight").shape());
        assertArrayEquals(new int[]{256, 513}, withSpread.discriminator().stateDict().get("4.weight").shape());
        Tensor logits = withSpread.discriminator().forward(Tensor.randn(new Generator(2), 6, 1, 4, 4));
        assertArrayEquals(new int[]{6, 1}, logits.shape());
    }
}
