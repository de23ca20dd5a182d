package dev.jgan.nn.optim;

import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.BatchNorm1d;
import dev.jgan.nn.Linear;
import dev.jgan.nn.Sequential;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExponentialMovingAverageTest {
    private static Sequential net(long seed) {
        return new Sequential(new Linear(3, 2, new Generator(seed)), new BatchNorm1d(2));
    }

    @Test
    void theAverageStartsAsACopyAndFollowsTheRecurrenceWithItsWarmUp() {
        Sequential live = net(1);
        Sequential copy = net(2);
        ExponentialMovingAverage ema = new ExponentialMovingAverage(live, copy, 0.9);
        assertArrayEquals(live.parameters().get(0).toFloatArray(), copy.parameters().get(0).toFloatArray());

        float w0 = live.parameters().get(0).toFloatArray()[0];
        float mean0 = live.buffers().get(0).toFloatArray()[0];
        double expectedW = w0;
        double expectedMean = mean0;
        for (long t = 0; t < 30; t++) {
            double step = 0.5 + t;
            try (GradMode.Scope scope = GradMode.noGrad()) {
                live.parameters().get(0).fill_(step);
                live.buffers().get(0).fill_(-step);
            }
            ema.update(t);
            double d = Math.min(0.9, (1.0 + t) / (10.0 + t));
            expectedW = d * expectedW + (1 - d) * step;
            expectedMean = d * expectedMean + (1 - d) * -step;
            assertEquals(expectedW, copy.parameters().get(0).toFloatArray()[0], 1e-4, "weight after update " + t);
            assertEquals(expectedMean, copy.buffers().get(0).toFloatArray()[0], 1e-4, "running mean after update " + t);
        }
        assertEquals(0.1, ema.decayAt(0), 1e-12);
        assertEquals(0.9, ema.decayAt(1000), 1e-12);
        // The live module is only read.
        assertEquals(29.5, live.parameters().get(0).toFloatArray()[0], 1e-6);
    }

    @Test
    void modulesOfAnotherShapeAndABadDecayAreRefused() {
        Sequential other = new Sequential(new Linear(3, 4, new Generator(0)), new BatchNorm1d(4));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new ExponentialMovingAverage(net(1), other, 0.99));
        assertTrue(shape.getMessage().contains("'0.weight' has shape [2, 3] in the live module and [4, 3]"),
                shape.getMessage());
        IllegalArgumentException decay = assertThrows(IllegalArgumentException.class,
                () -> new ExponentialMovingAverage(net(1), net(2), 1.0));
        assertTrue(decay.getMessage().contains("decay must be in [0, 1), got 1.0"), decay.getMessage());
    }
}
