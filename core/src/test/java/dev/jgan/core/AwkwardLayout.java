package dev.jgan.core;

import java.util.Arrays;
import java.util.Random;

/**
 * Builds a tensor that holds given logical values (row-major) in a randomly chosen storage
 * layout: contiguous, dims stored in reverse order and permuted back (a transpose), or padded
 * on every side and narrowed (a non-zero offset and gaps between rows). Kernels must give the
 * same answers whatever the layout, so the property tests feed them all three.
 */
final class AwkwardLayout {
    enum Kind { CONTIGUOUS, REVERSED, PADDED }

    private AwkwardLayout() {
    }

    static Tensor of(double[] values, int[] shape, DType dtype, Random rnd) {
        return of(values, shape, dtype, Kind.values()[rnd.nextInt(Kind.values().length)]);
    }

    static Tensor of(double[] values, int[] shape, DType dtype, Kind kind) {
        return switch (kind) {
            case CONTIGUOUS -> store(values, shape, dtype);
            case REVERSED -> reversed(values, shape, dtype);
            case PADDED -> padded(values, shape, dtype);
        };
    }

    private static Tensor reversed(double[] values, int[] shape, DType dtype) {
        int rank = shape.length;
        int[] revShape = new int[rank];
        int[] order = new int[rank];
        for (int d = 0; d < rank; d++) {
            revShape[d] = shape[rank - 1 - d];
            order[d] = rank - 1 - d;
        }
        double[] data = new double[values.length];
        for (int[] index : IndexSpace.all(shape)) {
            int[] rev = new int[rank];
            for (int d = 0; d < rank; d++) {
                rev[d] = index[rank - 1 - d];
            }
            data[IndexSpace.linear(revShape, rev)] = values[IndexSpace.linear(shape, index)];
        }
        return store(data, revShape, dtype).permute(order);
    }

    private static Tensor padded(double[] values, int[] shape, DType dtype) {
        int rank = shape.length;
        int[] big = new int[rank];
        for (int d = 0; d < rank; d++) {
            big[d] = shape[d] + 2;
        }
        // NaN in the padding: a kernel that reads outside the view poisons its result visibly.
        double[] data = new double[IndexSpace.count(big)];
        Arrays.fill(data, Double.NaN);
        for (int[] index : IndexSpace.all(shape)) {
            int[] shifted = new int[rank];
            for (int d = 0; d < rank; d++) {
                shifted[d] = index[d] + 1;
            }
            data[IndexSpace.linear(big, shifted)] = values[IndexSpace.linear(shape, index)];
        }
        Tensor t = store(data, big, dtype);
        for (int d = 0; d < rank; d++) {
            t = t.narrow(d, 1, shape[d]);
        }
        return t;
    }

    private static Tensor store(double[] data, int[] shape, DType dtype) {
        if (dtype == DType.FLOAT64) {
            return Tensor.fromArray(data.clone(), shape);
        }
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) data[i];
        }
        return Tensor.fromArray(f, shape);
    }
}
