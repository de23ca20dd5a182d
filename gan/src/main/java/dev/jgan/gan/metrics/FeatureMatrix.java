package dev.jgan.gan.metrics;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

/**
 * Feature vectors as one row-major double block: row i is {@code values[i*cols .. (i+1)*cols)}.
 * The metrics work in double on the CPU because their answers are small differences of large
 * sums (a Fréchet distance near 0 is |mu|^2 + two traces minus twice a third).
 */
public record FeatureMatrix(int rows, int cols, double[] values) {

    public FeatureMatrix {
        if (rows < 0 || cols < 1 || values.length != (long) rows * cols) {
            throw new IllegalArgumentException("FeatureMatrix: " + values.length + " values do not fill " + rows
                    + " rows of " + cols);
        }
    }

    /** Copies features [N, F] of any dtype. */
    public static FeatureMatrix of(Tensor features) {
        if (features.dim() != 2) {
            throw new IllegalArgumentException("FeatureMatrix: features must be [N, F], got "
                    + Shape.format(features.shape()));
        }
        return new FeatureMatrix(features.size(0), features.size(1), features.toDoubleArray());
    }

    /** Row-major rows of doubles, e.g. {@code of(new double[][]{{0, 1}, {2, 3}})}. */
    public static FeatureMatrix of(double[][] rows) {
        int cols = rows.length == 0 ? 1 : rows[0].length;
        double[] values = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("FeatureMatrix: row " + i + " has " + rows[i].length
                        + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, values, i * cols, cols);
        }
        return new FeatureMatrix(rows.length, cols, values);
    }

    /** The rows at these indices, in this order. */
    public FeatureMatrix select(int[] indices) {
        double[] out = new double[indices.length * cols];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * cols, out, i * cols, cols);
        }
        return new FeatureMatrix(indices.length, cols, out);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public FeatureMatrix rowRange(int from, int to) {
        double[] out = new double[(to - from) * cols];
        System.arraycopy(values, from * cols, out, 0, out.length);
        return new FeatureMatrix(to - from, cols, out);
    }

    void checkSameWidth(String metric, FeatureMatrix other) {
        if (other.cols != cols) {
            throw new IllegalArgumentException(metric + ": feature sets [" + rows + ", " + cols + "] and [" + other.rows
                    + ", " + other.cols + "] have different widths");
        }
    }
}
