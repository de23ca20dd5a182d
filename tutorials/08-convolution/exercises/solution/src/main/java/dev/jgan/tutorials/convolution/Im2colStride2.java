package dev.jgan.tutorials.convolution;

/**
 * Exercise 8, solved: im2col of section 3 for one image, a k x k kernel and stride 2, no padding,
 * with plain loops. Row {@code (c, ki, kj)} of the result, at index {@code (c * k + ki) * k + kj},
 * holds for every window position {@code (oy, ox)} (column {@code oy * ow + ox}) the pixel
 * {@code x[c][2 oy + ki][2 ox + kj]}.
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
        int oh = (height - k) / STRIDE + 1;
        int ow = (width - k) / STRIDE + 1;
        float[] cols = new float[channels * k * k * oh * ow];
        for (int c = 0; c < channels; c++) {
            for (int ki = 0; ki < k; ki++) {
                for (int kj = 0; kj < k; kj++) {
                    int row = (c * k + ki) * k + kj;
                    for (int oy = 0; oy < oh; oy++) {
                        for (int ox = 0; ox < ow; ox++) {
                            // The window at (oy, ox) starts STRIDE pixels further on per step: that is all stride changes.
                            int y = STRIDE * oy + ki;
                            int xx = STRIDE * ox + kj;
                            cols[row * oh * ow + oy * ow + ox] = x[(c * height + y) * width + xx];
                        }
                    }
                }
            }
        }
        return cols;
    }
}
