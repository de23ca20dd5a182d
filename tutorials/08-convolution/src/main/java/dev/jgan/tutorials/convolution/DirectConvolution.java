package dev.jgan.tutorials.convolution;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.ops.ConvGeometry;

import java.util.stream.IntStream;

/**
 * Convolution and transposed convolution written straight from their definitions, as nested
 * loops over float arrays: the yardstick the im2col route is checked and timed against. One
 * group, float32, square stride, padding and dilation.
 */
final class DirectConvolution {
    private static final String OP = "direct conv2d";

    private DirectConvolution() {
    }

    /** conv2d of [N, C, H, W] with [OC, C, kh, kw], the images one after another on one core. */
    static Tensor conv2d(Tensor input, Tensor weight, int stride, int padding, int dilation) {
        Layout l = Layout.of(input, weight, stride, padding, dilation);
        for (int b = 0; b < l.n; b++) {
            l.convolveImage(b);
        }
        return l.result();
    }

    /** The same loops with the images spread over the cores: they are independent. */
    static Tensor conv2dParallel(Tensor input, Tensor weight, int stride, int padding, int dilation) {
        Layout l = Layout.of(input, weight, stride, padding, dilation);
        IntStream.range(0, l.n).parallel().forEach(l::convolveImage);
        return l.result();
    }

    /**
     * conv_transpose2d of [N, C, H, W] with [C, OC, kh, kw], as a scatter: every input pixel adds
     * its kernel, scaled by the pixel, into the output at stride steps.
     */
    static Tensor convTranspose2d(Tensor input, Tensor weight, int stride, int padding) {
        int n = input.size(0), c = input.size(1), h = input.size(2), w = input.size(3);
        int oc = weight.size(1), kh = weight.size(2), kw = weight.size(3);
        if (weight.size(0) != c) {
            throw new IllegalArgumentException("direct conv_transpose2d: input " + Shape.format(input.shape())
                    + " has " + c + " channels but weight " + Shape.format(weight.shape()) + " expects " + weight.size(0));
        }
        int oh = ConvGeometry.transposedOutputSize(h, kh, stride, padding, 0, 1);
        int ow = ConvGeometry.transposedOutputSize(w, kw, stride, padding, 0, 1);
        float[] x = input.toFloatArray();
        float[] k = weight.toFloatArray();
        float[] out = new float[n * oc * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int xi = 0; xi < w; xi++) {
                        float pixel = x[((b * c + ch) * h + y) * w + xi];
                        for (int o = 0; o < oc; o++) {
                            for (int i = 0; i < kh; i++) {
                                int oy = y * stride - padding + i;
                                for (int j = 0; j < kw; j++) {
                                    int ox = xi * stride - padding + j;
                                    if (oy >= 0 && oy < oh && ox >= 0 && ox < ow) {
                                        out[((b * oc + o) * oh + oy) * ow + ox] += pixel * k[((ch * oc + o) * kh + i) * kw + j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Tensor.fromArray(out, n, oc, oh, ow);
    }

    /** One convolution's operands as flat arrays, and the output being filled. */
    private static final class Layout {
        final int n, c, h, w, oc, kh, kw, oh, ow, stride, padding, dilation;
        final float[] x, k, out;

        private Layout(Tensor input, Tensor weight, int stride, int padding, int dilation) {
            n = input.size(0);
            c = input.size(1);
            h = input.size(2);
            w = input.size(3);
            oc = weight.size(0);
            kh = weight.size(2);
            kw = weight.size(3);
            this.stride = stride;
            this.padding = padding;
            this.dilation = dilation;
            oh = ConvGeometry.outputSize(OP, h, kh, stride, padding, dilation);
            ow = ConvGeometry.outputSize(OP, w, kw, stride, padding, dilation);
            x = input.toFloatArray();
            k = weight.toFloatArray();
            out = new float[n * oc * oh * ow];
        }

        static Layout of(Tensor input, Tensor weight, int stride, int padding, int dilation) {
            if (input.dim() != 4 || weight.dim() != 4 || weight.size(1) != input.size(1)) {
                throw new IllegalArgumentException(OP + ": input " + Shape.format(input.shape()) + " and weight "
                        + Shape.format(weight.shape()) + " must be [N, C, H, W] and [OC, C, kh, kw]");
            }
            return new Layout(input, weight, stride, padding, dilation);
        }

        /** The six loops of one image: each output pixel is a dot product of a window with a filter. */
        void convolveImage(int b) {
            for (int o = 0; o < oc; o++) {
                for (int y = 0; y < oh; y++) {
                    for (int xo = 0; xo < ow; xo++) {
                        float sum = 0;
                        for (int ch = 0; ch < c; ch++) {
                            for (int i = 0; i < kh; i++) {
                                int iy = y * stride - padding + i * dilation;
                                if (iy < 0 || iy >= h) {
                                    continue; // a row of zero padding adds nothing
                                }
                                for (int j = 0; j < kw; j++) {
                                    int ix = xo * stride - padding + j * dilation;
                                    if (ix >= 0 && ix < w) {
                                        sum += x[((b * c + ch) * h + iy) * w + ix] * k[((o * c + ch) * kh + i) * kw + j];
                                    }
                                }
                            }
                        }
                        out[((b * oc + o) * oh + y) * ow + xo] = sum;
                    }
                }
            }
        }

        Tensor result() {
            return Tensor.fromArray(out, n, oc, oh, ow);
        }
    }
}
