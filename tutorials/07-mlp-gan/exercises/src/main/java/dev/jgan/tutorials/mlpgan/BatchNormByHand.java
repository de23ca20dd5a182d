package dev.jgan.tutorials.mlpgan;

/**
 * Exercise 7 (README, "Exercises"): what BatchNorm1d does to a batch in train mode, before its
 * learned scale and shift, with plain loops: each feature (column) minus its batch mean, divided
 * by sqrt(its biased batch variance + eps). Then see what gan.py's eps = 0.8 does to the small
 * activations of the untrained G, against the default eps = 1e-5.
 */
public final class BatchNormByHand {
    private BatchNormByHand() {
    }

    /**
     * {@code x[n][f]}: n samples of f features. The biased variance divides by n, not n - 1, as
     * BatchNorm's training-mode normalization does.
     */
    public static double[][] normalize(double[][] x, double eps) {
        // TODO exercise 7: per column, the mean, the biased variance, then (x - mean) / sqrt(var + eps).
        throw new UnsupportedOperationException("exercise 7: BatchNormByHand.normalize is not written yet");
    }
}
