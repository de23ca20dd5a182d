package dev.jgan.tutorials.mlpgan;

/**
 * Exercise 7, solved: what BatchNorm1d does to a batch in train mode, before its learned scale
 * and shift, with plain loops: each feature (column) minus its batch mean, divided by
 * sqrt(its biased batch variance + eps).
 */
public final class BatchNormByHand {
    private BatchNormByHand() {
    }

    /**
     * {@code x[n][f]}: n samples of f features. The biased variance divides by n, not n - 1, as
     * BatchNorm's training-mode normalization does.
     */
    public static double[][] normalize(double[][] x, double eps) {
        int n = x.length;
        int features = x[0].length;
        double[][] out = new double[n][features];
        for (int f = 0; f < features; f++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[f] / n;
            }
            double var = 0;
            for (double[] row : x) {
                var += (row[f] - mean) * (row[f] - mean) / n;
            }
            double scale = 1 / Math.sqrt(var + eps);
            for (int i = 0; i < n; i++) {
                out[i][f] = (x[i][f] - mean) * scale;
            }
        }
        return out;
    }
}
