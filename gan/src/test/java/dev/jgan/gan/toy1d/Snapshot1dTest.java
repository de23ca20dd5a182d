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

class Snapshot1dTest {
    private static final Gaussian1d DATA = new Gaussian1d(4.0, 1.25);
    private static final Snapshot1d.Grid GRID = new Snapshot1d.Grid(-2, 10, 601, 60);

    /** G(z) = a z + c, a linear D. */
    private static Gan linearGan(double a, double c) {
        Linear g = new Linear(1, 1, new Generator(1));
        try (GradMode.Scope scope = GradMode.noGrad()) {
            g.weight().fill_(a);
            g.bias().fill_(c);
        }
        return new Gan(g, new Linear(1, 1, new Generator(2)), 1, new int[]{1});
    }

    @Test
    void jensenShannonIsZeroForEqualDensitiesAndLog2ForDisjointOnes() {
        double[] xs = new double[2001];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -10 + 30.0 * i / (xs.length - 1);
        }
        double[] p = new Gaussian1d(0, 1).density(xs);
        double[] far = new Gaussian1d(12, 1).density(xs);
        assertEquals(0.0, Snapshot1d.jensenShannon(xs, p, p), 1e-15);
        assertEquals(Math.log(2), Snapshot1d.jensenShannon(xs, p, far), 1e-8);
    }

    @Test
    void aGeneratorThatIsTheDataHasTheOptimumOfTheGame() {
        // z ~ N(0, 1) through 4 + 1.25 z is exactly the data distribution.
        Snapshot1d s = Snapshot1d.take(0, linearGan(1.25, 4.0), DATA, new Generator(3), 20_000, GRID);
        assertEquals(4.0, s.fitted().mean(), 0.03);
        assertEquals(1.25, s.fitted().std(), 0.03);
        assertTrue(s.jsd() < 0.005, "JSD " + s.jsd());
        assertEquals(Snapshot1d.OPTIMAL_VALUE, s.optimalDiscriminatorValue(), 0.01);
        for (int i = 0; i < s.x().length; i++) {
            if (Math.abs(s.x()[i] - 4.0) <= 2 * 1.25) {
                assertEquals(0.5, s.dStar()[i], 0.05, "D* at x = " + s.x()[i]);
            }
        }
    }

    @Test
    void curvesAreWhatTheirDefinitionsSay() {
        Gan gan = linearGan(0.3, 1.0);
        Snapshot1d s = Snapshot1d.take(7, gan, DATA, new Generator(4), 5000, GRID);
        assertEquals(7, s.step());
        assertEquals(601, s.x().length);
        assertEquals(-2.0, s.x()[0], 0);
        assertEquals(10.0, s.x()[600], 1e-12);
        Tensor logits = gan.discriminator().forward(Tensor.fromArray(new float[]{(float) s.x()[100]}, 1, 1));
        assertEquals(1 / (1 + Math.exp(-logits.item())), s.d()[100], 1e-6);
        for (int i = 0; i < s.x().length; i += 50) {
            assertEquals(DATA.density(s.x()[i]), s.pData()[i], 1e-15);
            assertEquals(s.pData()[i] / (s.pData()[i] + s.pG()[i]), s.dStar()[i], 1e-12);
        }
        assertEquals(Snapshot1d.OPTIMAL_VALUE + 2 * s.jsd(), s.optimalDiscriminatorValue(), 1e-15);
        // D is linear in x with a logit that rises or falls; its means lie strictly inside (0, 1) and
        // V is at most log of the two means (Jensen's inequality, log is concave).
        assertTrue(s.dReal() > 0 && s.dReal() < 1 && s.dFake() > 0 && s.dFake() < 1, s.dReal() + " " + s.dFake());
        assertTrue(s.value() <= Math.log(s.dReal()) + Math.log(1 - s.dFake()) + 1e-12, "V = " + s.value());
        // log D + log(1 - D) terms are each negative.
        assertTrue(s.value() < 0 && Double.isFinite(s.value()), "V = " + s.value());
        assertTrue(s.jsd() > 0.3, "N(1, 0.3^2) against N(4, 1.25^2) barely overlap: JSD " + s.jsd());
    }

    @Test
    void aBadGridIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Snapshot1d.Grid(1, 1, 10, 5));
        assertTrue(e.getMessage().contains("[1.0, 1.0]"), e.getMessage());
    }
}
