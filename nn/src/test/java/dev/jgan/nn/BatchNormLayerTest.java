package dev.jgan.nn;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchNormLayerTest {

    @Test
    void stateDictHasPyTorchsKeys() {
        assertEquals(List.of("weight", "bias", "running_mean", "running_var"),
                List.copyOf(new BatchNorm1d(4).stateDict().keySet()));
        assertEquals(2, new BatchNorm1d(4).parameters().size());
    }

    @Test
    void trainingNormalizesWithBatchStatisticsAndMovesRunningOnes() {
        BatchNorm1d bn = new BatchNorm1d(3);
        Tensor x = Tensor.randn(new Generator(1), 50, 3).mul(4.0).add(2.0);
        Tensor y = bn.forward(x);
        for (int c = 0; c < 3; c++) {
            Tensor column = y.narrow(1, c, 1);
            assertEquals(0.0, column.mean().item(), 1e-5);
            assertEquals(1.0, column.var(new int[]{0}, 0, false).item(), 1e-3);
        }
        Tensor batchMean = x.mean(new int[]{0}, false);
        Tensor unbiasedVar = x.var(new int[]{0}, false);
        assertTrue(bn.runningMean().allClose(batchMean.mul(0.1), 1e-5, 1e-6));
        assertTrue(bn.runningVar().allClose(unbiasedVar.mul(0.1).add(0.9), 1e-5, 1e-6));
    }

    @Test
    void evalUsesRunningStatisticsAndLeavesThemAlone() {
        BatchNorm2d bn = new BatchNorm2d(2, 0.8, 0.1, true);
        bn.eval();
        Tensor x = Tensor.randn(new Generator(2), 4, 2, 3, 3);
        Tensor y = bn.forward(x);
        // running mean 0, variance 1: y = x / sqrt(1 + eps)
        assertTrue(y.allClose(x.div(Math.sqrt(1.8)), 1e-6, 1e-6));
        assertEquals(0.0, bn.runningMean().abs().max().item());
    }

    @Test
    void wrongInputNamesTheLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchNorm2d(3).forward(Tensor.zeros(2, 3)));
        assertEquals("BatchNorm2d(3): input of shape [2, 3] must be [N, 3, H, W]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3, 0.0, 0.1, true));
    }
}
