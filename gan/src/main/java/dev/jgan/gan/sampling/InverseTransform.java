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
            x[i] = inverseCdf.applyAsDouble(openUnit(u[i]));
        }
        return Tensor.fromArray(x, n);
    }

    /**
     * Maps a draw u from [0, 1) into the open interval (0, 1), where every inverse CDF is finite:
     * 1 - u is never 0, and the one draw that would give exactly 1 (u = 0, or u below half an ulp
     * of 1) is moved to the largest double below 1. F^-1(0) and F^-1(1) are infinite for the
     * normal and the exponential alike, so neither end may be reached.
     */
    static double openUnit(double u) {
        double p = 1.0 - u;
        return p < 1.0 ? p : Math.nextDown(1.0);
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
