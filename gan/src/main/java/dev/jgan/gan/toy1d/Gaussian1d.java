package dev.jgan.gan.toy1d;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.sampling.InverseTransform;

import java.util.function.DoubleUnaryOperator;

/**
 * The data of the 1-D GAN: a normal distribution N(mean, std^2). It draws batches shaped as the
 * generator's output, [n, 1], and knows its own density, which the pictures and the optimal
 * discriminator need and which no real data set would give us.
 */
public record Gaussian1d(double mean, double std) {
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    public Gaussian1d {
        if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("Gaussian1d: needs a finite mean and a finite std > 0, got mean "
                    + mean + ", std " + std);
        }
    }

    /** {@code n} samples as a float32 tensor [n, 1]: one batch of real data. */
    public Tensor sample(Generator gen, int n) {
        return Tensor.normal(gen, DType.FLOAT32, mean, std, n, 1);
    }

    /** The density p_data(x) = exp(-(x - mean)^2 / (2 std^2)) / (std sqrt(2 pi)). */
    public double density(double x) {
        double u = (x - mean) / std;
        return INV_SQRT_2PI / std * Math.exp(-0.5 * u * u);
    }

    /** The density at every point of {@code xs}. */
    public double[] density(double[] xs) {
        double[] p = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            p[i] = density(xs[i]);
        }
        return p;
    }

    /** F^-1, for sampling by inverse transform. */
    public DoubleUnaryOperator inverseCdf() {
        return InverseTransform.normal(mean, std);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "N(%s, %s^2)", mean, std);
    }
}
