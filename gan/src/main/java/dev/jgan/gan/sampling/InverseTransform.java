package dev.jgan.gan.sampling;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;

import java.util.function.DoubleUnaryOperator;

/**
 * Sampling by inverse transform: if U is uniform on (0, 1) and F is a continuous CDF, then
 * F^-1(U) has CDF F. This is the idea a generator network generalizes: a fixed, simple noise
 * distribution pushed through a learned function. For most distributions of interest (images)
 * F^-1 has no formula, so the GAN learns one.
 */
public final class InverseTransform {
    private InverseTransform() {
    }

    /** n samples of F^-1(U), U uniform on (0, 1), as a float64 tensor [n]. */
    public static Tensor sample(Generator gen, int n, DoubleUnaryOperator inverseCdf) {
        double[] u = Tensor.uniform(gen, dev.jgan.core.DType.FLOAT64, 0.0, 1.0, n).toDoubleArray();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            // uniform() is in [0, 1); reflect to (0, 1] so that F^-1 is never asked for 0.
            x[i] = inverseCdf.applyAsDouble(1.0 - u[i]);
        }
        return Tensor.fromArray(x, n);
    }

    /** The inverse CDF of the exponential distribution with rate lambda: -ln(1 - u) / lambda. */
    public static DoubleUnaryOperator exponential(double rate) {
        return u -> -Math.log1p(-u) / rate;
    }

    /**
     * The inverse CDF of N(mean, std^2): mean + std * Phi^-1(u), with the standard normal quantile
     * Phi^-1 from {@link NormalQuantile}.
     */
    public static DoubleUnaryOperator normal(double mean, double std) {
        return u -> mean + std * NormalQuantile.of(u);
    }
}
