package dev.jgan.gan.toy1d;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.nn.Linear;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FittedGaussianTest {

    @Test
    void meanAndBesselCorrectedStdOfKnownNumbers() {
        FittedGaussian fit = FittedGaussian.of(new double[]{1, 2, 3, 4});
        assertEquals(2.5, fit.mean(), 1e-15);
        // squares about the mean: 2.25 + 0.25 + 0.25 + 2.25 = 5, over n - 1 = 3
        assertEquals(Math.sqrt(5.0 / 3.0), fit.std(), 1e-15);
        assertEquals("mean 2.500, std 1.291", fit.toString());
    }

    @Test
    void aLargeOffsetDoesNotSwallowTheSpread() {
        // Sum-of-squares-minus-square-of-sum would lose all digits here; two passes do not.
        FittedGaussian fit = FittedGaussian.of(new double[]{1e9 + 1, 1e9 + 2, 1e9 + 3});
        assertEquals(1.0, fit.std(), 1e-12);
    }

    @Test
    void acceptsColumnsAndVectorsAndRejectsOtherShapes() {
        assertEquals(2.0, FittedGaussian.of(Tensor.fromArray(new double[]{1, 2, 3}, 3, 1)).mean(), 1e-15);
        assertEquals(2.0, FittedGaussian.of(Tensor.fromArray(new double[]{1, 2, 3}, 3)).mean(), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FittedGaussian.of(Tensor.zeros(3, 2)));
        assertTrue(e.getMessage().contains("[3, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FittedGaussian.of(new double[]{1}));
    }

    @Test
    void ofGeneratorFitsTheGeneratorsSamples() {
        // G(z) = 2 z + 3 with z ~ N(0, 1) is N(3, 2^2).
        Linear g = new Linear(1, 1, new Generator(1));
        try (GradMode.Scope scope = GradMode.noGrad()) {
            g.weight().fill_(2.0);
            g.bias().fill_(3.0);
        }
        Gan gan = new Gan(g, new Linear(1, 1, new Generator(2)), 1, new int[]{1});
        FittedGaussian fit = FittedGaussian.ofGenerator(gan, new Generator(3), 40_000);
        assertEquals(3.0, fit.mean(), 0.03);
        assertEquals(2.0, fit.std(), 0.03);
    }
}
