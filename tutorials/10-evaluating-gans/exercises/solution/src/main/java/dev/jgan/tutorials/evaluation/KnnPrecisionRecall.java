package dev.jgan.tutorials.evaluation;

import java.util.Arrays;

/**
 * Exercise 10, solved: precision and recall of section 5 (Kynkäänniemi et al. 2019) with plain
 * loops. Each set stands for the union of balls around its points, each ball reaching to that
 * point's k-th nearest other point of the same set; a point on a ball's boundary is inside.
 */
public final class KnnPrecisionRecall {
    private KnnPrecisionRecall() {
    }

    /**
     * {precision, recall}: the share of generated points inside the real set's balls, and the share
     * of real points inside the generated set's balls. Each set needs more than k points.
     */
    public static double[] of(double[][] real, double[][] generated, int k) {
        if (k < 1 || k >= real.length || k >= generated.length) {
            throw new IllegalArgumentException("precision/recall: k = " + k + " needs more than k points in each set, got "
                    + real.length + " real and " + generated.length + " generated");
        }
        double precision = shareInside(generated, real, radii(real, k));
        double recall = shareInside(real, generated, radii(generated, k));
        return new double[]{precision, recall};
    }

    /** The squared distance from each point to its k-th nearest other point of the same set. */
    private static double[] radii(double[][] x, int k) {
        double[] radii = new double[x.length];
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                d[j] = squaredDistance(x[i], x[j]);
            }
            d[i] = Double.POSITIVE_INFINITY;   // a point is not its own neighbour
            double[] sorted = d.clone();
            Arrays.sort(sorted);
            radii[i] = sorted[k - 1];
        }
        return radii;
    }

    private static double shareInside(double[][] points, double[][] centres, double[] squaredRadii) {
        int inside = 0;
        for (double[] p : points) {
            for (int j = 0; j < centres.length; j++) {
                if (squaredDistance(p, centres[j]) <= squaredRadii[j]) {
                    inside++;
                    break;
                }
            }
        }
        return (double) inside / points.length;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return sum;
    }
}
