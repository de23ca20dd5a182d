package dev.jgan.tutorials.covering;

import dev.jgan.core.Tensor;

import java.util.List;

/**
 * Exercise 13 (README, "Exercises"), solved: section 4's minibatch standard deviation with tensor
 * ops. Rows [n, d] become [n, d + 1]: the last column holds, in every row, the standard deviation
 * of each feature over the n rows (population form, {@code eps} under the root), averaged over
 * the d features.
 */
public final class BatchSpread {
    private BatchSpread() {
    }

    /** {@code rows} [n, d], n >= 2, with the batch's spread appended to every row as column d. */
    public static Tensor withSpreadColumn(Tensor rows, double eps) {
        Tensor spread = rows.var(new int[]{0}, 0, false).add(eps).sqrt().mean();
        Tensor column = spread.reshape(1, 1).expand(rows.size(0), 1);
        return Tensor.concat(List.of(rows, column), 1);
    }
}
