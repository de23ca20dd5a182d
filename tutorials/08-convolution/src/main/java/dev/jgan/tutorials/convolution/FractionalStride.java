package dev.jgan.tutorials.convolution;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Convolution;

/**
 * Why a transposed convolution is called "fractionally strided": with stride s it equals an
 * ordinary stride-1 convolution over the input with s - 1 zeros put between its pixels, padded
 * by k - 1 - p, with the kernel flipped and its two channel dims swapped. Stepping one pixel
 * in that spread-out input moves 1/s of a pixel in the original.
 */
final class FractionalStride {
    private FractionalStride() {
    }

    /** convTranspose2d(x, weight, stride, padding) the long way round, for dilation 1. */
    static Tensor convTranspose2d(Tensor x, Tensor weight, int stride, int padding) {
        int k = weight.size(2);
        int[] one = {1};
        return Convolution.conv2d(insertZeros(x, stride), flip(weight), null, one, new int[]{k - 1 - padding}, one, 1);
    }

    /** [N, C, H, W] to [N, C, (H-1)s+1, (W-1)s+1]: the pixels s apart, zeros between them. */
    static Tensor insertZeros(Tensor x, int stride) {
        int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        int zh = (h - 1) * stride + 1, zw = (w - 1) * stride + 1;
        float[] in = x.toFloatArray();
        float[] out = new float[n * c * zh * zw];
        for (int plane = 0; plane < n * c; plane++) {
            for (int y = 0; y < h; y++) {
                for (int xi = 0; xi < w; xi++) {
                    out[(plane * zh + y * stride) * zw + xi * stride] = in[(plane * h + y) * w + xi];
                }
            }
        }
        return Tensor.fromArray(out, n, c, zh, zw);
    }

    /** [C, OC, kh, kw] to [OC, C, kh, kw], each kernel turned by 180 degrees. */
    static Tensor flip(Tensor weight) {
        int c = weight.size(0), oc = weight.size(1), kh = weight.size(2), kw = weight.size(3);
        float[] in = weight.toFloatArray();
        float[] out = new float[in.length];
        for (int ch = 0; ch < c; ch++) {
            for (int o = 0; o < oc; o++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        out[((o * c + ch) * kh + i) * kw + j] = in[((ch * oc + o) * kh + (kh - 1 - i)) * kw + (kw - 1 - j)];
                    }
                }
            }
        }
        return Tensor.fromArray(out, oc, c, kh, kw);
    }
}
