package dev.jgan.gan.sampling;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InverseTransformTest {

    @Test
    void normalQuantileMatchesKnownValues() {
        assertEquals(0.0, NormalQuantile.of(0.5), 1e-12);
        assertEquals(1.959963984540054, NormalQuantile.of(0.975), 1e-8);
        assertEquals(-2.326347874040841, NormalQuantile.of(0.01), 1e-8);
        assertEquals(3.090232306167814, NormalQuantile.of(0.999), 1e-8);
    }

    @Test
    void uniformNoiseThroughTheNormalInverseCdfIsNormal() {
        Tensor x = InverseTransform.sample(new Generator(7), 100_000, InverseTransform.normal(3.0, 2.0));
        assertEquals(3.0, x.mean().item(), 0.03);
        assertEquals(2.0, Math.sqrt(x.var().item()), 0.03);
    }

    @Test
    void uniformNoiseThroughTheExponentialInverseCdfIsExponential() {
        Tensor x = InverseTransform.sample(new Generator(8), 100_000, InverseTransform.exponential(0.5));
        // mean 1/rate = 2, variance 1/rate^2 = 4, P(X > 2) = e^-1
        assertEquals(2.0, x.mean().item(), 0.03);
        assertEquals(4.0, x.var().item(), 0.12);
        assertEquals(Math.exp(-1), x.gt(2.0).mean().item(), 0.005);
    }

    @Test
    void theEndsOfTheUniformDrawNeverReachAnInfiniteQuantile() {
        assertEquals(0.75, InverseTransform.openUnit(0.25), 0.0);
        double top = InverseTransform.openUnit(0.0);
        assertTrue(top < 1.0 && top > 0.999, "u = 0 maps just below 1, got " + top);
        assertTrue(Double.isFinite(InverseTransform.normal(0.0, 1.0).applyAsDouble(top)));
        assertTrue(Double.isFinite(InverseTransform.exponential(1.0).applyAsDouble(top)));
        double bottom = InverseTransform.openUnit(Math.nextDown(1.0));
        assertTrue(bottom > 0.0 && Double.isFinite(InverseTransform.normal(0.0, 1.0).applyAsDouble(bottom)));
    }
}
