package dev.jgan.gan.toy1d;

import java.util.Arrays;

/**
 * A Gaussian kernel density estimate of 1-D samples: p(x) = (1/n) sum_i N(x; x_i, h^2). The
 * generator's density p_g has no formula (G is a network), so we estimate it from samples to draw
 * it and to compute the optimal discriminator p_data / (p_data + p_g).
 *
 * <p>The bandwidth h is Silverman's rule of thumb, h = 0.9 min(s, IQR / 1.34) n^(-1/5): close
 * to optimal for a density that is roughly normal, and the IQR keeps a few far-out samples
 * from widening it.
 */
public final class KernelDensity {
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    private final double[] samples;
    private final double bandwidth;

    private KernelDensity(double[] samples, double bandwidth) {
        this.samples = samples;
        this.bandwidth = bandwidth;
    }

    /** An estimate with Silverman's bandwidth; needs at least 2 samples that are not all equal. */
    public static KernelDensity of(double[] samples) {
        return withBandwidth(samples, silvermanBandwidth(samples));
    }

    public static KernelDensity withBandwidth(double[] samples, double bandwidth) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("KernelDensity: needs at least one sample");
        }
        if (!(bandwidth > 0) || !Double.isFinite(bandwidth)) {
            throw new IllegalArgumentException("KernelDensity: bandwidth must be finite and > 0, got " + bandwidth);
        }
        return new KernelDensity(samples.clone(), bandwidth);
    }

    static double silvermanBandwidth(double[] samples) {
        if (samples.length < 2) {
            throw new IllegalArgumentException("KernelDensity: Silverman's bandwidth needs at least 2 samples, got "
                    + samples.length);
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
        double s = FittedGaussian.of(samples).std();
        double spread = iqr > 0 ? Math.min(s, iqr / 1.34) : s;
        if (!(spread > 0)) {
            throw new IllegalArgumentException("KernelDensity: all " + samples.length
                    + " samples are equal; a density estimate needs some spread");
        }
        return 0.9 * spread * Math.pow(samples.length, -0.2);
    }

    /** Linear interpolation between order statistics (NumPy's default). */
    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    public double bandwidth() {
        return bandwidth;
    }

    public double density(double x) {
        double sum = 0;
        for (double s : samples) {
            double u = (x - s) / bandwidth;
            sum += Math.exp(-0.5 * u * u);
        }
        return sum * INV_SQRT_2PI / (bandwidth * samples.length);
    }

    public double[] density(double[] xs) {
        double[] p = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            p[i] = density(xs[i]);
        }
        return p;
    }
}
