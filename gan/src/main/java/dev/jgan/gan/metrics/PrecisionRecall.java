package dev.jgan.gan.metrics;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019). Each feature set stands for its
 * manifold: the union of balls around its points, each ball as wide as the distance to that
 * point's k-th nearest neighbour in the same set. Precision is the share of generated samples
 * inside the real manifold (are samples realistic?); recall is the share of real samples inside
 * the generated manifold (is the variety covered?). A mode-collapsed generator keeps precision
 * and loses recall, which a single number like the Fréchet distance cannot show. The paper uses
 * k = 3; a point on a ball's boundary counts as inside, as in its code.
 */
public record PrecisionRecall(double precision, double recall, int k) {
    public static final int DEFAULT_K = 3;

    public static PrecisionRecall of(FeatureMatrix real, FeatureMatrix generated) {
        return of(real, generated, DEFAULT_K);
    }

    public static PrecisionRecall of(FeatureMatrix real, FeatureMatrix generated, int k) {
        real.checkSameWidth("precision/recall", generated);
        if (k < 1 || k >= real.rows() || k >= generated.rows()) {
            throw new IllegalArgumentException("precision/recall: k = " + k + " needs more than k samples in each set, got "
                    + real.rows() + " real and " + generated.rows() + " generated");
        }
        double precision = shareInside(generated, real, radii(real, k));
        double recall = shareInside(real, generated, radii(generated, k));
        return new PrecisionRecall(precision, recall, k);
    }

    /** Squared distance from each point to its k-th nearest other point of the same set. */
    static double[] radii(FeatureMatrix x, int k) {
        double[] radii = new double[x.rows()];
        IntStream.range(0, x.rows()).parallel().forEach(i -> {
            double[] d = new double[x.rows()];
            Pairwise.squaredDistancesFrom(x, i, x, d);
            d[i] = Double.POSITIVE_INFINITY;
            Arrays.sort(d);
            radii[i] = d[k - 1];
        });
        return radii;
    }

    /** The share of {@code points} within the radius of at least one centre. */
    private static double shareInside(FeatureMatrix points, FeatureMatrix centres, double[] squaredRadii) {
        long inside = IntStream.range(0, points.rows()).parallel().filter(i -> {
            double[] d = new double[centres.rows()];
            Pairwise.squaredDistancesFrom(points, i, centres, d);
            for (int j = 0; j < d.length; j++) {
                if (d[j] <= squaredRadii[j]) {
                    return true;
                }
            }
            return false;
        }).count();
        return (double) inside / points.rows();
    }
}
