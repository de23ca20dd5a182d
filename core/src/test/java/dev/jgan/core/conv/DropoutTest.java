package dev.jgan.core.conv;

import dev.jgan.core.Tensor;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.ops.Dropout;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.jgan.core.conv.Conv2dTest.assertMessage;
import static dev.jgan.core.conv.Conv2dTest.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DropoutTest {

    @ParameterizedTest(name = "p = {0}")
    @ValueSource(doubles = {0.1, 0.5, 0.8})
    void dropsAFractionPAndScalesTheRestBy1OverOneMinusP(double p) {
        int n = 40_000;
        float[] out = Dropout.dropout(Tensor.ones(n), p, new Generator(5)).toFloatArray();
        int dropped = 0;
        double sum = 0;
        for (float v : out) {
            if (v == 0f) {
                dropped++;
            } else {
                assertEquals((float) (1.0 / (1.0 - p)), v);
            }
            sum += v;
        }
        // Binomial(n, p): 5 standard deviations is far beyond chance and far below a wrong p.
        double sd = Math.sqrt(n * p * (1 - p));
        assertEquals(n * p, dropped, 5 * sd);
        assertEquals(1.0, sum / n, 5 * sd / (n * (1 - p)), "the mean is preserved in expectation");
    }

    @Test
    void theSameSeedGivesTheSameMaskAndTheGeneratorMovesOn() {
        Tensor x = randn(81, 7, 11);
        Generator gen = new Generator(9);
        double[] first = Dropout.dropout(x, 0.5, gen).toDoubleArray();
        assertEquals(77, gen.offset(), "one stream position per element");
        double[] second = Dropout.dropout(x, 0.5, gen).toDoubleArray();
        assertArrayEquals(first, Dropout.dropout(x, 0.5, new Generator(9)).toDoubleArray());
        assertFalse(java.util.Arrays.equals(first, second), "the next call draws a new mask");
    }

    @Test
    void dropout2dDropsWholeChannels() {
        int n = 100, c = 60;
        double p = 0.3;
        Generator gen = new Generator(11);
        Tensor out = Dropout.dropout2d(Tensor.ones(n, c, 3, 2), p, gen);
        assertEquals(n * c, gen.offset(), "one stream position per channel");
        float scale = (float) (1.0 / (1.0 - p));
        float[] v = out.toFloatArray();
        int dropped = 0;
        for (int ch = 0; ch < n * c; ch++) {
            float first = v[ch * 6];
            assertTrue(first == 0f || first == scale, "value " + first);
            for (int i = 1; i < 6; i++) {
                assertEquals(first, v[ch * 6 + i], "channel " + ch + " is dropped or kept as a whole");
            }
            dropped += first == 0f ? 1 : 0;
        }
        assertEquals(n * c * p, dropped, 5 * Math.sqrt(n * c * p * (1 - p)));
    }

    @Test
    void gradientIsTheScaledMask() {
        Tensor x = randn(82, 4, 5).requiresGrad(true);
        Tensor out = Dropout.dropout(x, 0.4, new Generator(3));
        out.sum().backward();
        double[] o = out.toDoubleArray(), xs = x.toDoubleArray(), g = x.grad().toDoubleArray();
        for (int i = 0; i < o.length; i++) {
            assertEquals(o[i] / xs[i], g[i], 1e-12);
        }
        // A fresh generator with the same seed inside f keeps the mask fixed across evaluations.
        GradCheck.gradcheck(in -> Dropout.dropout(in.get(0), 0.4, new Generator(3)), randn(83, 3, 4).requiresGrad(true));
        GradCheck.gradcheck(in -> Dropout.dropout2d(in.get(0), 0.5, new Generator(4)),
                randn(84, 2, 3, 2, 1).requiresGrad(true));
    }

    @Test
    void pZeroIsTheIdentityAndPOneGivesZerosWithZeroGradient() {
        Tensor x = randn(85, 3, 4).requiresGrad(true);
        assertSame(x, Dropout.dropout(x, 0.0, null));
        Tensor zeros = Dropout.dropout(x, 1.0, null);
        // x * 0, as PyTorch computes it: negative entries give -0.0, equal to 0 within delta 0.
        assertArrayEquals(new double[12], zeros.toDoubleArray(), 0.0);
        zeros.sum().backward();
        assertArrayEquals(new double[12], x.grad().toDoubleArray());
        assertArrayEquals(new double[12], Dropout.dropout2d(randn(86, 1, 3, 2, 2), 1.0, null).toDoubleArray(), 0.0);
    }

    @Test
    void badArgumentsAreRejected() {
        Tensor x = Tensor.ones(2, 3);
        assertMessage("dropout: probability p must be in [0, 1], got 1.5", () -> Dropout.dropout(x, 1.5, new Generator(1)));
        assertMessage("dropout: probability p must be in [0, 1], got NaN",
                () -> Dropout.dropout(x, Double.NaN, new Generator(1)));
        assertMessage("dropout: a Generator is needed to draw the mask for input [2, 3]", () -> Dropout.dropout(x, 0.5, null));
        assertMessage("dropout2d: input must be [N, C, H, W], got shape [2, 3]",
                () -> Dropout.dropout2d(x, 0.5, new Generator(1)));
    }
}
