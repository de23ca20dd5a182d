package dev.jgan.gan.toy1d;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.train.GanLoss;
import dev.jgan.nn.Linear;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With G(z) = a z + c and D's logit l(x) = w x + b, everything has a closed form:
 * d log(1 - sigmoid(l)) / dx = -sigmoid(l) w and d(-log sigmoid(l)) / dx = -(1 - sigmoid(l)) w.
 */
class GeneratorGradientTest {
    private static final double A = 0.5;
    private static final double C = -1.0;
    private static final double W = 2.0;
    private static final double B = -3.0;

    private static Gan linearGan() {
        Linear g = new Linear(1, 1, new Generator(1));
        Linear d = new Linear(1, 1, new Generator(2));
        try (GradMode.Scope scope = GradMode.noGrad()) {
            g.weight().fill_(A);
            g.bias().fill_(C);
            d.weight().fill_(W);
            d.bias().fill_(B);
        }
        return new Gan(g, d, 1, new int[]{1});
    }

    @Test
    void minimaxGradientIsDTimesTheSlopeAndNonSaturatingIsOneMinusD() {
        Gan gan = linearGan();
        double[] zs = {-1.0, 0.0, 2.0};
        Tensor z = Tensor.fromArray(new float[]{-1f, 0f, 2f}, 3, 1);
        double meanD = 0;
        double meanOneMinusD = 0;
        double[] dLdx = new double[3];
        for (int i = 0; i < 3; i++) {
            double x = A * zs[i] + C;
            double d = 1 / (1 + Math.exp(-(W * x + B)));
            meanD += d / 3;
            meanOneMinusD += (1 - d) / 3;
            dLdx[i] = (1 - d) * W;
        }
        GeneratorGradient minimax = GeneratorGradient.measure(gan, GanLoss.MINIMAX, z);
        GeneratorGradient nonSaturating = GeneratorGradient.measure(gan, GanLoss.NON_SATURATING, z);
        assertEquals(meanD, minimax.meanDFake(), 1e-6);
        assertEquals(meanD * W, minimax.sampleGradient(), 1e-6);
        assertEquals(meanOneMinusD * W, nonSaturating.sampleGradient(), 1e-6);

        // G's parameters a and c: dL/da = mean_i(dL/dx_i * z_i), dL/dc = mean_i(dL/dx_i) (a batch mean).
        double da = 0;
        double dc = 0;
        for (int i = 0; i < 3; i++) {
            da += -dLdx[i] * zs[i] / 3;
            dc += -dLdx[i] / 3;
        }
        assertEquals(Math.hypot(da, dc), nonSaturating.parameterNorm(), 1e-6);
        assertTrue(nonSaturating.toString().startsWith("D(G(z)) "), nonSaturating.toString());
    }

    @Test
    void measuringLeavesNoGradientBehind() {
        Gan gan = linearGan();
        GeneratorGradient.measure(gan, GanLoss.NON_SATURATING, gan.noise(new Generator(3), 8));
        for (Tensor p : gan.generator().parameters()) {
            assertNull(p.grad());
        }
        for (Tensor p : gan.discriminator().parameters()) {
            assertNull(p.grad());
        }
    }
}
