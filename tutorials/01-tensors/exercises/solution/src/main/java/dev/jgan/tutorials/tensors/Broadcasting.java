package dev.jgan.tutorials.tensors;

import java.util.Arrays;

/**
 * Exercise 1, solved: the two halves of section 4 written by hand, with nothing but int arrays.
 * {@link #shape} is the broadcast of two shapes (rules 1 to 3); {@link #strides} is the layout
 * of the stretched view that {@code expand} builds, which copies nothing because a stretched dim
 * gets stride 0.
 */
public final class Broadcasting {
    private Broadcasting() {
    }

    /**
     * The shape two operands of shapes {@code a} and {@code b} broadcast to. Shapes that do not
     * broadcast throw an IllegalArgumentException that names both shapes and the dim.
     */
    public static int[] shape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int d = 0; d < rank; d++) {
            // Rule 1: a dim missing on the left counts as size 1.
            int sizeA = d < rank - a.length ? 1 : a[d - (rank - a.length)];
            int sizeB = d < rank - b.length ? 1 : b[d - (rank - b.length)];
            if (sizeA != sizeB && sizeA != 1 && sizeB != 1) {
                throw new IllegalArgumentException("broadcast: shapes " + Arrays.toString(a) + " and "
                        + Arrays.toString(b) + " differ at dim " + d + " (" + sizeA + " vs " + sizeB
                        + ") and neither is 1");
            }
            out[d] = sizeA == 1 ? sizeB : sizeA;
        }
        return out;
    }

    /**
     * The strides of a tensor of {@code shape} and {@code strides} expanded to {@code target}
     * (as {@code Tensor.expand(target)}): new leading dims and stretched size-1 dims get stride 0,
     * every other dim keeps its stride. Throws an IllegalArgumentException if {@code shape}
     * cannot be expanded to {@code target}.
     */
    public static int[] strides(int[] shape, int[] strides, int[] target) {
        int lead = target.length - shape.length;
        if (lead < 0) {
            throw new IllegalArgumentException("expand: " + Arrays.toString(shape) + " has more dims than "
                    + Arrays.toString(target));
        }
        int[] out = new int[target.length];
        for (int d = lead; d < target.length; d++) {
            int size = shape[d - lead];
            if (size == target[d]) {
                out[d] = strides[d - lead];
            } else if (size != 1) {
                throw new IllegalArgumentException("expand: size " + size + " at dim " + (d - lead) + " of "
                        + Arrays.toString(shape) + " cannot be stretched to " + target[d]);
            }
            // A stretched size-1 dim, like a new leading dim, stays 0: every index reads the same element.
        }
        return out;
    }
}
