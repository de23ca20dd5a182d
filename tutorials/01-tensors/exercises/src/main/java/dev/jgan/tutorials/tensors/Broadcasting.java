package dev.jgan.tutorials.tensors;

/**
 * Exercise 1 (README, "Exercises"): the two halves of section 4 written by hand, with nothing
 * but int arrays. {@link #shape} is the broadcast of two shapes (rules 1 to 3); {@link #strides}
 * is the layout of the stretched view that {@code expand} builds, which copies nothing because a
 * stretched dim gets stride 0.
 */
public final class Broadcasting {
    private Broadcasting() {
    }

    /**
     * The shape two operands of shapes {@code a} and {@code b} broadcast to. Shapes that do not
     * broadcast throw an IllegalArgumentException that names both shapes and the dim.
     */
    public static int[] shape(int[] a, int[] b) {
        // TODO exercise 1: align on the right, missing dims count as 1, sizes equal or one of them 1.
        throw new UnsupportedOperationException("exercise 1: Broadcasting.shape is not written yet");
    }

    /**
     * The strides of a tensor of {@code shape} and {@code strides} expanded to {@code target}
     * (as {@code Tensor.expand(target)}): new leading dims and stretched size-1 dims get stride 0,
     * every other dim keeps its stride. Throws an IllegalArgumentException if {@code shape}
     * cannot be expanded to {@code target}.
     */
    public static int[] strides(int[] shape, int[] strides, int[] target) {
        // TODO exercise 1: one stride per dim of target.
        throw new UnsupportedOperationException("exercise 1: Broadcasting.strides is not written yet");
    }
}
