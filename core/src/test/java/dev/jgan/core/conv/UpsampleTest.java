package dev.jgan.core.conv;

import dev.jgan.core.Tensor;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.ops.Resampling;
import org.junit.jupiter.api.Test;

import static dev.jgan.core.conv.Conv2dTest.assertMessage;
import static dev.jgan.core.conv.Conv2dTest.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class UpsampleTest {

    @Test
    void everyPixelBecomesAScaleByScaleBlock() {
        Tensor x = Tensor.fromArray(new double[]{1, 2, 3, 4, 5, 6}, 1, 1, 2, 3);
        Tensor up = Resampling.upsampleNearest2d(x, 2);
        assertArrayEquals(new int[]{1, 1, 4, 6}, up.shape());
        assertArrayEquals(new double[]{
                1, 1, 2, 2, 3, 3,
                1, 1, 2, 2, 3, 3,
                4, 4, 5, 5, 6, 6,
                4, 4, 5, 5, 6, 6}, up.toDoubleArray());
    }

    @Test
    void matchesTheIndexDefinitionOnAwkwardSizes() {
        Tensor x = randn(71, 2, 3, 5, 7).transpose(2, 3);
        Tensor up = Resampling.upsampleNearest2d(x, 3);
        for (int y = 0; y < 21; y++) {
            for (int xx = 0; xx < 15; xx++) {
                assertEquals(x.get(1, 2, y / 3, xx / 3), up.get(1, 2, y, xx));
            }
        }
    }

    @Test
    void gradientSumsEachBlock() {
        Tensor x = randn(72, 1, 2, 3, 2).requiresGrad(true);
        Resampling.upsampleNearest2d(x, 3).sum().backward();
        assertArrayEquals(Tensor.full(9.0, 12).toDoubleArray(), x.grad().toDoubleArray());
    }

    @Test
    void gradcheckAndGradgradcheck() {
        GradCheck.gradcheck(in -> Resampling.upsampleNearest2d(in.get(0).transpose(2, 3), 2),
                randn(73, 1, 2, 3, 2).requiresGrad(true));
        GradCheck.gradgradcheck(in -> Resampling.upsampleNearest2d(in.get(0), 2),
                randn(74, 1, 2, 2, 3).requiresGrad(true));
    }

    @Test
    void scaleOneIsTheIdentityAndBadArgumentsAreRejected() {
        Tensor x = randn(75, 2, 1, 3, 3);
        assertArrayEquals(x.toDoubleArray(), Resampling.upsampleNearest2d(x, 1).toDoubleArray());
        assertMessage("upsample_nearest2d: scale must be >= 1, got 0", () -> Resampling.upsampleNearest2d(x, 0));
        assertMessage("upsample_nearest2d: input must be [N, C, H, W], got shape [3, 3]",
                () -> Resampling.upsampleNearest2d(Tensor.zeros(3, 3), 2));
    }
}
