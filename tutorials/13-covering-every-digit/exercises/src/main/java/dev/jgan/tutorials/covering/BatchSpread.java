package dev.jgan.tutorials.covering;

import dev.jgan.core.Tensor;

/**
 * Exercise 13 (README, "Exercises"): section 4's minibatch standard deviation with tensor ops.
 * Rows [n, d] become [n, d + 1]: the last column holds, in every row, one number that says how
 * much the batch varies: the standard deviation of each of the d features over the n rows
 * (population form, {@code eps} added under the square root), averaged over the d features.
 */
public final class BatchSpread {
    private BatchSpread() {
    }

    /** {@code rows} [n, d], n >= 2, with the batch's spread appended to every row as column d. */
    public static Tensor withSpreadColumn(Tensor rows, double eps) {
        // TODO exercise 13: the variance over dim 0 (unbiased = false), + eps, sqrt, mean, then one
        // column of n copies (reshape, expand) concatenated on dim 1.
        throw new UnsupportedOperationException("exercise 13: BatchSpread.withSpreadColumn is not written yet");
    }
}
