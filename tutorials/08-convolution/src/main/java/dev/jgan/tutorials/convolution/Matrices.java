package dev.jgan.tutorials.convolution;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

import java.util.Arrays;
import java.util.Locale;

/** Prints small tensors as aligned grids of numbers, whole numbers without decimals. */
final class Matrices {
    private Matrices() {
    }

    /** The last two dims of {@code t} as rows and columns, each leading index as its own grid. */
    static String grid(Tensor t) {
        if (t.dim() < 2) {
            throw new IllegalArgumentException("grid: tensor of shape " + Shape.format(t.shape())
                    + " needs at least 2 dims (rows, columns)");
        }
        double[] v = t.toDoubleArray();
        int rows = t.size(-2), cols = t.size(-1);
        boolean whole = true;
        for (double x : v) {
            whole &= x == Math.rint(x);
        }
        String cell = whole ? "%4.0f" : "%8.4f";
        StringBuilder s = new StringBuilder();
        for (int g = 0; g < v.length / (rows * cols); g++) {
            if (g > 0) {
                s.append('\n');
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    // Adding 0.0 turns -0.0 into 0.0, which reads better.
                    s.append(String.format(Locale.ROOT, cell, v[(g * rows + r) * cols + c] + 0.0));
                }
                s.append('\n');
            }
        }
        return s.toString();
    }

    /** The largest |a - b| over all elements of two tensors of one shape. */
    static double maxAbsDifference(Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException("maxAbsDifference: shapes " + Shape.format(a.shape()) + " and "
                    + Shape.format(b.shape()) + " differ");
        }
        double[] x = a.toDoubleArray(), y = b.toDoubleArray();
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }
}
