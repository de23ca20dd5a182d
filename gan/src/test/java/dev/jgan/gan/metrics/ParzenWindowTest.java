package dev.jgan.gan.metrics;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParzenWindowTest {

    @Test
    void oneKernelIsTheGaussianDensity() {
        double[] mu = {0.5, -1, 2};
        double[] x = {1, 0, 1.5};
        double sigma = 0.7;
        double d2 = 0.25 + 1 + 0.25;
        double expected = -d2 / (2 * sigma * sigma) - 1.5 * Math.log(2 * Math.PI * sigma * sigma);
        double[][] ll = ParzenWindow.logLikelihoods(FeatureMatrix.of(new double[][]{mu}), FeatureMatrix.of(new double[][]{x}),
                new double[]{sigma});
        assertEquals(expected, ll[0][0], 1e-13);
    }

    @Test
    void twoKernelsAreAnEvenMixture() {
        double sigma = 1.3;
        double n1 = Math.exp(-1.0 / (2 * sigma * sigma)) / Math.sqrt(2 * Math.PI * sigma * sigma);
        double n2 = Math.exp(-9.0 / (2 * sigma * sigma)) / Math.sqrt(2 * Math.PI * sigma * sigma);
        double[][] ll = ParzenWindow.logLikelihoods(FeatureMatrix.of(new double[][]{{1}, {3}}),
                FeatureMatrix.of(new double[][]{{0}}), new double[]{sigma});
        assertEquals(Math.log(0.5 * n1 + 0.5 * n2), ll[0][0], 1e-13);
    }

    @Test
    void aFarPointHasAFiniteLogLikelihoodRatherThanLogZero() {
        // exp(-100^2 / (2 * 0.1^2)) underflows; the log of the density does not.
        double[][] ll = ParzenWindow.logLikelihoods(FeatureMatrix.of(new double[][]{{0}, {1}}),
                FeatureMatrix.of(new double[][]{{100}}), new double[]{0.1});
        double nearest = -99.0 * 99.0 / (2 * 0.01) - Math.log(2) - 0.5 * Math.log(2 * Math.PI * 0.01);
        assertEquals(nearest, ll[0][0], 1e-9 * Math.abs(nearest));
    }

    @Test
    void choosesTheWidthOnValidationAndReportsTheTestMeanAtIt() {
        FeatureMatrix samples = normal(1, 400);
        FeatureMatrix validation = normal(2, 300);
        FeatureMatrix test = normal(3, 300);
        double[] sigmas = ParzenWindow.defaultSigmas();
        ParzenWindow.Estimate e = ParzenWindow.estimate(samples, validation, test, sigmas);
        double[][] onValidation = ParzenWindow.logLikelihoods(samples, validation, sigmas);
        for (double[] atSigma : onValidation) {
            assertTrue(mean(atSigma) <= e.validationLogLikelihood(), "the chosen width is the validation optimum");
        }
        double[] onTest = ParzenWindow.logLikelihoods(samples, test, new double[]{e.sigma()})[0];
        assertEquals(mean(onTest), e.meanLogLikelihood(), 1e-12);
        assertFalse(e.atGridEdge(), "0.02 to 5 brackets the best width for unit Gaussians: " + e);
        assertTrue(e.standardError() > 0 && e.standardError() < 0.2, e.toString());
    }

    @Test
    void flagsAGridThatDoesNotBracketTheOptimum() {
        ParzenWindow.Estimate e = ParzenWindow.estimate(normal(1, 100), normal(2, 100), normal(3, 100),
                new double[]{0.001, 0.002});
        assertEquals(0.002, e.sigma());
        assertTrue(e.atGridEdge());
    }

    private static FeatureMatrix normal(long seed, int n) {
        return FeatureMatrix.of(Tensor.normal(new Generator(seed), DType.FLOAT64, 0, 1, n, 3));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
