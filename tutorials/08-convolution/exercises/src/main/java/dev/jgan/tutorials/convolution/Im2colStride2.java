package dev.jgan.tutorials.convolution;

/**
 * Exercise 8 (README, "Exercises"): im2col of section 3 for one image, a k x k kernel and
 * stride 2, no padding, with plain loops. Row {@code (c, ki, kj)} of the result, at index
 * {@code (c * k + ki) * k + kj}, holds for every window position {@code (oy, ox)} (column
 * {@code oy * ow + ox}) the pixel {@code x[c][2 oy + ki][2 ox + kj]}.
 */
public final class Im2colStride2 {
    public static final int STRIDE = 2;

    private Im2colStride2() {
    }

    /**
     * {@code x}: one image [channels, height, width], row-major. Returns the [channels k k, oh ow]
     * matrix, row-major, with oh and ow from section 2's formula for stride 2 and no padding.
     */
    public static float[] im2col(float[] x, int channels, int height, int width, int k) {
        // TODO exercise 8: the output size first, then one copy per (row, column) of the matrix.
        throw new UnsupportedOperationException("exercise 8: Im2colStride2.im2col is not written yet");
    }
}
