package dev.jgan.gan.metrics;

import java.util.stream.IntStream;

/**
 * Dot products and squared distances between feature rows, in double. Distances are summed from
 * differences, not expanded as |a|^2 + |b|^2 - 2 a.b, so a point's distance to its own copy is
 * exactly 0: precision and recall test "d <= radius" and must not lose a point to rounding.
 */
final class Pairwise {
    private Pairwise() {
    }

    /** Four partial sums: independent additions the CPU can overlap (Java keeps the order of one sum). */
    static double dot(double[] a, int ao, double[] b, int bo, int d) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < d; k += 4) {
            s0 += a[ao + k] * b[bo + k];
            s1 += a[ao + k + 1] * b[bo + k + 1];
            s2 += a[ao + k + 2] * b[bo + k + 2];
            s3 += a[ao + k + 3] * b[bo + k + 3];
        }
        for (; k < d; k++) {
            s0 += a[ao + k] * b[bo + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static double squaredDistance(double[] a, int ao, double[] b, int bo, int d) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < d; k += 4) {
            double e0 = a[ao + k] - b[bo + k];
            double e1 = a[ao + k + 1] - b[bo + k + 1];
            double e2 = a[ao + k + 2] - b[bo + k + 2];
            double e3 = a[ao + k + 3] - b[bo + k + 3];
            s0 += e0 * e0;
            s1 += e1 * e1;
            s2 += e2 * e2;
            s3 += e3 * e3;
        }
        for (; k < d; k++) {
            double e = a[ao + k] - b[bo + k];
            s0 += e * e;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Squared distances from row i of a to every row of b, into out[0 .. b.rows()). */
    static void squaredDistancesFrom(FeatureMatrix a, int i, FeatureMatrix b, double[] out) {
        int d = a.cols();
        for (int j = 0; j < b.rows(); j++) {
            out[j] = squaredDistance(a.values(), i * d, b.values(), j * d, d);
        }
    }

    /** The matrix of dot products a_i . b_j, [a.rows, b.rows] row-major, rows computed in parallel. */
    static double[] dots(FeatureMatrix a, FeatureMatrix b) {
        int d = a.cols();
        int m = b.rows();
        double[] out = new double[a.rows() * m];
        IntStream.range(0, a.rows()).parallel().forEach(i -> {
            for (int j = 0; j < m; j++) {
                out[i * m + j] = dot(a.values(), i * d, b.values(), j * d, d);
            }
        });
        return out;
    }
}
