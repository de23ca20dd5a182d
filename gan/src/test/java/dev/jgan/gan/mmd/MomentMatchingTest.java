package dev.jgan.gan.mmd;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.Linear;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MomentMatchingTest {
    private static final double[] BANDWIDTHS = {0.5, 1.0, 2.0, 4.0};

    @Test
    void aLinearGeneratorLearnsAShiftedAndScaledGaussian() {
        // G(z) = W z + b can represent N(mu, 0.5^2 I) exactly: W = 0.5 I (up to a rotation), b = mu.
        Linear generator = new Linear(2, 2, new Generator(1));
        MomentMatching mm = new MomentMatching(generator, 2,
                new MomentMatching.Options(BANDWIDTHS, 0.02, 0.5, 0.999), new Generator(2));
        Generator data = new Generator(3);
        double first = 0;
        double last = 0;
        for (int step = 0; step < 400; step++) {
            Tensor real = Tensor.randn(data, 128, 2).mul(0.5).add(Tensor.fromArray(new float[]{3f, -1f}, 1, 2));
            double loss = mm.step(real);
            first = step == 0 ? loss : first;
            last = loss;
        }
        assertEquals(400, mm.stepCount());
        assertTrue(first > 0.5 && Math.abs(last) < 0.05, "MMD^2 " + first + " -> " + last);
        Tensor samples = generator.forward(Tensor.randn(new Generator(4), 4000, 2));
        double[] xy = samples.toDoubleArray();
        double[] mean = new double[2];
        double[] var = new double[2];
        for (int i = 0; i < 4000; i++) {
            for (int c = 0; c < 2; c++) {
                mean[c] += xy[2 * i + c] / 4000;
            }
        }
        for (int i = 0; i < 4000; i++) {
            for (int c = 0; c < 2; c++) {
                var[c] += (xy[2 * i + c] - mean[c]) * (xy[2 * i + c] - mean[c]) / 4000;
            }
        }
        assertEquals(3.0, mean[0], 0.1);
        assertEquals(-1.0, mean[1], 0.1);
        assertEquals(0.5, Math.sqrt(var[0]), 0.1);
        assertEquals(0.5, Math.sqrt(var[1]), 0.1);
    }

    @Test
    void badOptionsAndBatchesAreRejectedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> new MomentMatching.Options(new double[0], 1e-3, 0.5, 0.999));
        IllegalArgumentException bandwidth = assertThrows(IllegalArgumentException.class,
                () -> new MomentMatching.Options(new double[]{1.0, 0.0}, 1e-3, 0.5, 0.999));
        assertTrue(bandwidth.getMessage().contains("bandwidths must be > 0"), bandwidth.getMessage());
        MomentMatching mm = new MomentMatching(new Linear(2, 2, new Generator(1)), 2,
                new MomentMatching.Options(BANDWIDTHS, 1e-3, 0.5, 0.999), new Generator(2));
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class, () -> mm.step(Tensor.zeros(1, 2)));
        assertTrue(batch.getMessage().contains("[1, 2]"), batch.getMessage());
    }
}
