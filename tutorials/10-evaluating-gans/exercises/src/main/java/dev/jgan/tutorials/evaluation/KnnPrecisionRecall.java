package dev.jgan.tutorials.evaluation;

/**
 * Exercise 10 (README, "Exercises"): precision and recall of section 5 (Kynkäänniemi et al. 2019)
 * with plain loops. Each set stands for the union of balls around its points, each ball reaching
 * to that point's k-th nearest other point of the same set; a point on a ball's boundary is inside.
 */
public final class KnnPrecisionRecall {
    private KnnPrecisionRecall() {
    }

    /**
     * {precision, recall}: the share of generated points inside the real set's balls, and the share
     * of real points inside the generated set's balls. Each set needs more than k points.
     */
    public static double[] of(double[][] real, double[][] generated, int k) {
        // TODO exercise 10: radii first (squared distances are enough), then the two shares.
        throw new UnsupportedOperationException("exercise 10: KnnPrecisionRecall.of is not written yet");
    }
}
