package dev.jgan.gan.metrics;

import java.util.stream.IntStream;

/**
 * The Parzen-window log-likelihood of Goodfellow et al. 2014 (Table 1, after Breuleux et al.
 * 2011): put an isotropic Gaussian of width sigma on each of m generated samples, and report the
 * mean log density of held-out real images under that mixture,
 *
 * <pre>  log p(x) = logsumexp_i(-|x - g_i|^2 / (2 sigma^2)) - log m - (d/2) log(2 pi sigma^2),</pre>
 *
 * with sigma chosen to maximize the mean on a validation set and the number reported on a
 * separate test set, with its standard error.
 *
 * <p>Reported for comparison with the 2014 paper, not as a quality measure. Theis, van den Oord
 * and Bethge ("A note on the evaluation of generative models", 2016) show why: in the hundreds
 * of dimensions of an image the estimate converges so slowly that even 10^7 samples leave it
 * far from the true log-likelihood, and its variance is large; a model that memorizes the
 * training images, or one that outputs a blurred k-means of them, scores better than one that
 * makes sharp new images; and log-likelihood and sample quality are largely independent. The
 * values are nats per image for pixels in [-1, 1]: add d ln 2 to compare with numbers for
 * pixels in [0, 1], such as the paper's.
 */
public final class ParzenWindow {
    private ParzenWindow() {
    }

    /**
     * @param meanLogLikelihood   mean log p over the test points, in nats
     * @param standardError       the standard deviation of the test log p over sqrt(test points)
     * @param sigma               the chosen kernel width
     * @param validationLogLikelihood the validation mean at that width
     * @param atGridEdge          true if the best width was the smallest or largest tried: the
     *                            grid did not bracket the optimum and the number is a lower bound
     */
    public record Estimate(double meanLogLikelihood, double standardError, double sigma, double validationLogLikelihood,
                           boolean atGridEdge) {
    }

    /** 25 widths from 0.02 to 5, evenly spaced in log: pixel distances in [-1, 1] images. */
    public static double[] defaultSigmas() {
        int count = 25;
        double lo = Math.log(0.02);
        double hi = Math.log(5.0);
        double[] s = new double[count];
        for (int i = 0; i < count; i++) {
            s[i] = Math.exp(lo + (hi - lo) * i / (count - 1));
        }
        return s;
    }

    /** Chooses sigma on {@code validation} and reports the mean log-likelihood of {@code test}. */
    public static Estimate estimate(FeatureMatrix samples, FeatureMatrix validation, FeatureMatrix test, double[] sigmas) {
        if (sigmas.length == 0) {
            throw new IllegalArgumentException("Parzen window: give at least one sigma");
        }
        double[][] validationLl = logLikelihoods(samples, validation, sigmas);
        int best = 0;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < sigmas.length; s++) {
            double mean = mean(validationLl[s]);
            if (mean > bestMean) {
                bestMean = mean;
                best = s;
            }
        }
        double[] testLl = logLikelihoods(samples, test, new double[]{sigmas[best]})[0];
        double mean = mean(testLl);
        double var = 0;
        for (double v : testLl) {
            var += (v - mean) * (v - mean);
        }
        double std = testLl.length > 1 ? Math.sqrt(var / (testLl.length - 1)) : Double.NaN;
        return new Estimate(mean, std / Math.sqrt(testLl.length), sigmas[best], bestMean,
                sigmas.length > 1 && (best == 0 || best == sigmas.length - 1));
    }

    /** log p(points_j) under the Parzen density of {@code samples}, for each sigma: [sigma][point]. */
    public static double[][] logLikelihoods(FeatureMatrix samples, FeatureMatrix points, double[] sigmas) {
        samples.checkSameWidth("Parzen window", points);
        if (samples.rows() == 0 || points.rows() == 0) {
            throw new IllegalArgumentException("Parzen window: needs samples and points, got " + samples.rows() + " and "
                    + points.rows());
        }
        int d = samples.cols();
        double logM = Math.log(samples.rows());
        double[][] out = new double[sigmas.length][points.rows()];
        IntStream.range(0, points.rows()).parallel().forEach(j -> {
            double[] d2 = new double[samples.rows()];
            Pairwise.squaredDistancesFrom(points, j, samples, d2);
            double nearest = Double.POSITIVE_INFINITY;
            for (double v : d2) {
                nearest = Math.min(nearest, v);
            }
            for (int s = 0; s < sigmas.length; s++) {
                double scale = 1 / (2 * sigmas[s] * sigmas[s]);
                // logsumexp around the nearest sample, so that far points do not underflow to log 0.
                double sum = 0;
                for (double v : d2) {
                    sum += Math.exp(-(v - nearest) * scale);
                }
                out[s][j] = -nearest * scale + Math.log(sum) - logM
                        - 0.5 * d * Math.log(2 * Math.PI * sigmas[s] * sigmas[s]);
            }
        });
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
