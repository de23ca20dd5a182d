package dev.jgan.core.ops;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;

/**
 * 2-D max and average pooling, built from {@link Convolution#im2col} and a reduction over each
 * window's column, so their gradients (and second derivatives) come from those ops. PyTorch's
 * defaults hold: no ceil mode, and average pooling counts the zero padding in its divisor
 * (count_include_pad=True).
 *
 * <p>Spatial parameters take one value for both dims or two for (height, width); a null stride
 * means the kernel size, as in PyTorch.
 */
public final class Pooling {
    private Pooling() {
    }

    /**
     * torch.nn.functional.max_pool2d. Padding reads as minus infinity, so it never wins. Where
     * several elements of one window tie for the maximum the gradient is shared evenly among them
     * (as {@link Tensor#max(int[], boolean)} does); PyTorch gives it all to one of them. The two
     * agree wherever the maximum is unique, which is almost everywhere for real-valued data.
     */
    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
        Windows win = windows("max_pool2d", x, kernel, stride, padding);
        Tensor cols = win.columns(x);
        if (win.padded()) {
            Tensor inside;
            try (GradMode.Scope scope = GradMode.noGrad()) {
                // im2col of ones marks, per window tap, whether it reads the image or the padding.
                Tensor ones = Tensor.full(x.backend(), x.dtype(), 1.0, 1, 1, x.size(2), x.size(3));
                inside = win.columns(ones);
            }
            cols = Tensor.where(inside, cols, Tensor.scalarLike(x, Double.NEGATIVE_INFINITY));
        }
        return win.image(cols.max(new int[]{2}, false));
    }

    /** torch.nn.functional.avg_pool2d with count_include_pad=True and ceil_mode=False. */
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
        Windows win = windows("avg_pool2d", x, kernel, stride, padding);
        return win.image(win.columns(x).mean(new int[]{2}, false));
    }

    private static Windows windows(String op, Tensor x, int[] kernel, int[] stride, int[] padding) {
        ShapeChecks.rank(op, "input", x, "[N, C, H, W]", 4);
        int[] k = ConvGeometry.pair(op, "kernel", kernel);
        int[] s = stride == null ? k : ConvGeometry.pair(op, "stride", stride);
        int[] p = ConvGeometry.pair(op, "padding", padding);
        for (int i = 0; i < 2; i++) {
            // PyTorch's rule; it also guarantees that every window reads at least one pixel.
            if (p[i] > k[i] / 2) {
                throw new IllegalArgumentException(op + ": padding " + p[i] + " should be at most half of the kernel "
                        + "size " + k[i] + " (dim " + (i == 0 ? "height" : "width") + ")");
            }
        }
        int oh = ConvGeometry.outputSize(op, x.size(2), k[0], s[0], p[0], 1);
        int ow = ConvGeometry.outputSize(op, x.size(3), k[1], s[1], p[1], 1);
        return new Windows(k, s, p, x.size(0), x.size(1), oh, ow);
    }

    /** One pooling geometry: turns an image into per-window columns and reduced columns back. */
    private record Windows(int[] kernel, int[] stride, int[] padding, int n, int c, int oh, int ow) {
        private static final int[] NO_DILATION = {1, 1};

        boolean padded() {
            return padding[0] > 0 || padding[1] > 0;
        }

        /** [N, C, H, W] to [N, C, kh*kw, OH*OW]: each window's taps along dim 2. */
        Tensor columns(Tensor image) {
            Tensor cols = Convolution.im2col(image, kernel, stride, padding, NO_DILATION);
            return cols.reshape(image.size(0), image.size(1), kernel[0] * kernel[1], oh * ow);
        }

        /** [N, C, OH*OW] to [N, C, OH, OW]. */
        Tensor image(Tensor reduced) {
            return reduced.reshape(n, c, oh, ow);
        }
    }
}
