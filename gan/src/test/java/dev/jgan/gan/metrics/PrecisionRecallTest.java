package dev.jgan.gan.metrics;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrecisionRecallTest {

    @Test
    void identicalSetsHaveFullPrecisionAndRecall() {
        FeatureMatrix x = FeatureMatrix.of(Tensor.normal(new Generator(1), DType.FLOAT64, 0, 1, 200, 5));
        PrecisionRecall pr = PrecisionRecall.of(x, x);
        assertEquals(1.0, pr.precision());
        assertEquals(1.0, pr.recall());
    }

    @Test
    void farApartSetsHaveNeither() {
        FeatureMatrix x = FeatureMatrix.of(Tensor.normal(new Generator(1), DType.FLOAT64, 0, 1, 200, 5));
        FeatureMatrix y = FeatureMatrix.of(Tensor.normal(new Generator(2), DType.FLOAT64, 100, 1, 200, 5));
        PrecisionRecall pr = PrecisionRecall.of(x, y);
        assertEquals(0.0, pr.precision());
        assertEquals(0.0, pr.recall());
    }

    @Test
    void countsBallsByHandOnALine() {
        // Real 0, 1, 2, 3: third-neighbour radii 3, 2, 2, 3, so the real manifold is [-3, 6].
        // Generated 10, 5, 2.5, -100: 5 and 2.5 are inside (precision 1/2). Their radii are
        // 110, 105, 102.5, 110, wide enough to cover every real point (recall 1).
        FeatureMatrix real = FeatureMatrix.of(new double[][]{{0}, {1}, {2}, {3}});
        FeatureMatrix generated = FeatureMatrix.of(new double[][]{{10}, {5}, {2.5}, {-100}});
        PrecisionRecall pr = PrecisionRecall.of(real, generated, 3);
        assertEquals(0.5, pr.precision());
        assertEquals(1.0, pr.recall());
    }

    @Test
    void aCollapsedGeneratorKeepsPrecisionAndLosesRecall() {
        FeatureMatrix real = FeatureMatrix.of(Tensor.normal(new Generator(1), DType.FLOAT64, 0, 1, 500, 2));
        FeatureMatrix collapsed = FeatureMatrix.of(Tensor.normal(new Generator(2), DType.FLOAT64, 0, 0.1, 500, 2));
        PrecisionRecall pr = PrecisionRecall.of(real, collapsed);
        assertTrue(pr.precision() > 0.95, pr.toString());
        assertTrue(pr.recall() < 0.3, pr.toString());
    }

    @Test
    void refusesKAsLargeAsTheSet() {
        FeatureMatrix x = FeatureMatrix.of(new double[][]{{0}, {1}, {2}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.of(x, x, 3));
        assertTrue(e.getMessage().contains("k = 3"), e.getMessage());
    }
}
