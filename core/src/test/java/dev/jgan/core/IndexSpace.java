package dev.jgan.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Every multi-index of a shape in row-major order, and the row-major number of one index.
 * The property tests build their expected values on this, never on {@link Shape}'s strides or
 * the backend's strided walk, so the two cannot share a mistake.
 */
final class IndexSpace {
    private IndexSpace() {
    }

    /** All indices of {@code shape}, the last dim varying fastest; one empty index for shape []. */
    static List<int[]> all(int[] shape) {
        List<int[]> out = new ArrayList<>();
        collect(shape, new int[shape.length], 0, out);
        return out;
    }

    private static void collect(int[] shape, int[] index, int dim, List<int[]> out) {
        if (dim == shape.length) {
            out.add(index.clone());
            return;
        }
        for (int i = 0; i < shape[dim]; i++) {
            index[dim] = i;
            collect(shape, index, dim + 1, out);
        }
    }

    /** The position of {@code index} when the elements of {@code shape} are listed row-major. */
    static int linear(int[] shape, int[] index) {
        int n = 0;
        for (int d = 0; d < shape.length; d++) {
            n = n * shape[d] + index[d];
        }
        return n;
    }

    static int count(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }
}
