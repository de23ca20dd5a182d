package dev.jgan.tutorials.modes;

/**
 * Exercise 6 (README, "Exercises"): the unbiased estimate of MMD^2 of section 2 (Gretton et al.
 * 2012, eq. 3) with plain loops, as a check on the tensor version in {@code Mmd}.
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
        // TODO exercise 6: three averages; leave the pairs i = j out of the first two.
        throw new UnsupportedOperationException("exercise 6: UnbiasedMmd.squared is not written yet");
    }
}
