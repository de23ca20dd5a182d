package dev.jgan.gan.metrics;

import java.util.stream.IntStream;

/**
 * The mean and covariance of a feature set: the Gaussian the Fréchet distance fits to it. The
 * covariance divides by n - 1, as numpy's {@code cov} does in the reference FID code.
 */
public record Gaussian(double[] mean, double[][] covariance) {

    public Gaussian {
        if (covariance.length != mean.length) {
            throw new IllegalArgumentException("Gaussian: mean of " + mean.length + " values needs a ["
                    + mean.length + ", " + mean.length + "] covariance, got " + covariance.length + " rows");
        }
    }

    public static Gaussian fit(FeatureMatrix x) {
        int n = x.rows();
        int d = x.cols();
        if (n < 2) {
            throw new IllegalArgumentException("Gaussian.fit: a covariance needs at least 2 samples, got " + n);
        }
        double[] mean = new double[d];
        double[] v = x.values();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                mean[k] += v[i * d + k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        // Centred columns, so that each covariance entry is one dot product of two contiguous arrays.
        double[][] centred = new double[d][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                centred[k][i] = v[i * d + k] - mean[k];
            }
        }
        double[][] cov = new double[d][d];
        IntStream.range(0, d).parallel().forEach(a -> {
            for (int b = a; b < d; b++) {
                cov[a][b] = Pairwise.dot(centred[a], 0, centred[b], 0, n) / (n - 1);
            }
        });
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[a][b] = cov[b][a];
            }
        }
        return new Gaussian(mean, cov);
    }

    public int dims() {
        return mean.length;
    }
}
