package dev.jgan.tutorials.modes;

/**
 * Exercise 6, solved: the unbiased estimate of MMD^2 of section 2 (Gretton et al. 2012, eq. 3)
 * with plain loops, as a check on the tensor version in {@code Mmd}.
 */
public final class UnbiasedMmd {
    private UnbiasedMmd() {
    }

    /** k(a, b) = sum over bandwidths s of exp(-|a - b|^2 / (2 s^2)). */
    public static double kernel(double[] a, double[] b, double... bandwidths) {
        double d2 = 0;
        for (int i = 0; i < a.length; i++) {
            d2 += (a[i] - b[i]) * (a[i] - b[i]);
        }
        double k = 0;
        for (double s : bandwidths) {
            k += Math.exp(-d2 / (2 * s * s));
        }
        return k;
    }

    /**
     * The unbiased MMD^2 of samples x (n points) and y (m points), n, m >= 2: the mean of
     * k(x_i, x_j) over pairs i != j, plus the same for y, minus twice the mean of k(x_i, y_j)
     * over all n m pairs.
     */
    public static double squared(double[][] x, double[][] y, double... bandwidths) {
        if (x.length < 2 || y.length < 2) {
            throw new IllegalArgumentException("unbiased MMD^2 needs at least 2 points in each sample, got "
                    + x.length + " and " + y.length);
        }
        return withinMean(x, bandwidths) + withinMean(y, bandwidths) - 2 * crossMean(x, y, bandwidths);
    }

    /** The mean of k over the n (n - 1) ordered pairs of distinct points: k(x_i, x_i), the peak, is left out. */
    private static double withinMean(double[][] x, double[] bandwidths) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                if (i != j) {
                    sum += kernel(x[i], x[j], bandwidths);
                }
            }
        }
        return sum / ((double) x.length * (x.length - 1));
    }

    private static double crossMean(double[][] x, double[][] y, double[] bandwidths) {
        double sum = 0;
        for (double[] xi : x) {
            for (double[] yj : y) {
                sum += kernel(xi, yj, bandwidths);
            }
        }
        return sum / ((double) x.length * y.length);
    }
}
