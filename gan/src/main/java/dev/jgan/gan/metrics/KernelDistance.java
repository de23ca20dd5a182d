package dev.jgan.gan.metrics;

import dev.jgan.nn.data.PhiloxShuffle;

/**
 * The kernel distance of Binkowski et al. 2018 ("Demystifying MMD GANs"; KID when the features
 * are Inception's): the unbiased estimate of the squared maximum mean discrepancy with the cubic
 * polynomial kernel k(x, y) = (x.y / d + 1)^3, averaged over random subsets.
 *
 * <p>On one subset pair of m samples each,
 * <pre>  MMD^2_u = sum_{i != j} k(x_i, x_j) / (m (m-1)) + sum_{i != j} k(y_i, y_j) / (m (m-1))
 *            - 2 sum_{i, j} k(x_i, y_j) / m^2</pre>
 * Leaving out the diagonal makes the expectation exactly MMD^2, so two samples of one
 * distribution score 0 on average (an estimate may be negative), unlike the Fréchet distance.
 * The paper's code draws 100 subsets of 1000 without replacement and reports their mean and
 * standard deviation; with fewer samples the subsets are as large as the smaller set.
 *
 * @param mean       the average MMD^2_u over subsets
 * @param std        the standard deviation of the subset estimates (numpy's std, ddof 0)
 * @param subsets    number of subset pairs
 * @param subsetSize samples per subset
 */
public record KernelDistance(double mean, double std, int subsets, int subsetSize) {
    public static final int DEFAULT_SUBSETS = 100;
    public static final int DEFAULT_SUBSET_SIZE = 1000;

    public static KernelDistance estimate(FeatureMatrix x, FeatureMatrix y, long seed) {
        return estimate(x, y, DEFAULT_SUBSETS, DEFAULT_SUBSET_SIZE, seed);
    }

    /**
     * Holds the three kernel matrices (x x, y y, x y) in memory, 8 (n^2 + m^2 + n m) bytes, so
     * that each subset only sums entries of them.
     */
    public static KernelDistance estimate(FeatureMatrix x, FeatureMatrix y, int subsets, int subsetSize, long seed) {
        x.checkSameWidth("kernel distance", y);
        if (subsets < 1 || subsetSize < 2) {
            throw new IllegalArgumentException("kernel distance: need >= 1 subset of >= 2 samples, got " + subsets
                    + " of " + subsetSize);
        }
        int m = Math.min(subsetSize, Math.min(x.rows(), y.rows()));
        if (m < 2) {
            throw new IllegalArgumentException("kernel distance: each set needs at least 2 samples, got " + x.rows()
                    + " and " + y.rows());
        }
        double[] kxx = kernel(x, x);
        double[] kyy = kernel(y, y);
        double[] kxy = kernel(x, y);
        double[] estimates = new double[subsets];
        for (int s = 0; s < subsets; s++) {
            int[] ix = PhiloxShuffle.permutation(x.rows(), seed, 2 * s);
            int[] iy = PhiloxShuffle.permutation(y.rows(), seed, 2 * s + 1);
            estimates[s] = offDiagonalMean(kxx, x.rows(), ix, m) + offDiagonalMean(kyy, y.rows(), iy, m)
                    - 2 * blockMean(kxy, y.rows(), ix, iy, m);
        }
        double mean = 0;
        for (double e : estimates) {
            mean += e;
        }
        mean /= subsets;
        double var = 0;
        for (double e : estimates) {
            var += (e - mean) * (e - mean);
        }
        return new KernelDistance(mean, Math.sqrt(var / subsets), subsets, m);
    }

    /** k(a_i, b_j) = (a_i . b_j / d + 1)^3 for all pairs, [a.rows, b.rows] row-major. */
    static double[] kernel(FeatureMatrix a, FeatureMatrix b) {
        double[] k = Pairwise.dots(a, b);
        double d = a.cols();
        for (int i = 0; i < k.length; i++) {
            double v = k[i] / d + 1;
            k[i] = v * v * v;
        }
        return k;
    }

    /** Mean of k over pairs i != j among the first m indices of idx. */
    private static double offDiagonalMean(double[] k, int stride, int[] idx, int m) {
        double sum = 0;
        for (int a = 0; a < m; a++) {
            int row = idx[a] * stride;
            for (int b = 0; b < m; b++) {
                if (a != b) {
                    sum += k[row + idx[b]];
                }
            }
        }
        return sum / ((double) m * (m - 1));
    }

    private static double blockMean(double[] k, int stride, int[] ix, int[] iy, int m) {
        double sum = 0;
        for (int a = 0; a < m; a++) {
            int row = ix[a] * stride;
            for (int b = 0; b < m; b++) {
                sum += k[row + iy[b]];
            }
        }
        return sum / ((double) m * m);
    }
}
