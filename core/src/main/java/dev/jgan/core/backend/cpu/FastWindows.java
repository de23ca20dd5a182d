package dev.jgan.core.backend.cpu;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.ConvGeometry;

import java.util.Arrays;

/**
 * The float32 fast paths of im2col and col2im, for inputs and outputs of any strides (the
 * convolutions hand them columns stored batch-inner, [C*kh*kw, N, OH*OW], seen as [N, C*kh*kw,
 * OH*OW]).
 *
 * <p>Why they are fast: the reference loops visit every (pixel, tap) pair through virtual
 * {@code get}/{@code set} calls and test the padding per element. Here each (image, channel)
 * plane is one work item for {@link Parallel}, and for each kernel tap the window positions that
 * read inside the image are worked out once, so a column row is: zeros, one run copied from an
 * image row ({@code System.arraycopy} when both runs are contiguous), zeros.
 *
 * <p>col2im gives the reference's bits: the reference sums, per pixel, the column entries of
 * taps (i, j) in row-major tap order, in double, from 0. Here each plane is summed by scattering
 * tap after tap in that same order into a double accumulator plane, and each pixel receives at
 * most one entry per tap, so every pixel sees the same additions in the same order.
 */
final class FastWindows {
    private FastWindows() {
    }

    /** im2col into out; false (nothing done) unless both are float32. See {@link CpuBackend#im2col}. */
    static boolean tryIm2col(Tensor x, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, Tensor out) {
        if (!(x.storage() instanceof CpuStorage.Floats xs) || !(out.storage() instanceof CpuStorage.Floats os)) {
            return false;
        }
        int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        int oh = ConvGeometry.outputSize("im2col", h, kh, sh, ph, dh);
        int ow = ConvGeometry.outputSize("im2col", w, kw, sw, pw, dw);
        float[] src = xs.data;
        float[] dst = os.data;
        int xOff = x.offset(), xsN = x.stride(0), xsC = x.stride(1), xsY = x.stride(2), xsX = x.stride(3);
        int oOff = out.offset(), osN = out.stride(0), osRow = out.stride(1), osCol = out.stride(2);
        Parallel.forRange(n * c, (long) kh * kw * oh * ow, (start, end) -> {
            for (int plane = start; plane < end; plane++) {
                int b = plane / c, ch = plane % c;
                int xPlane = xOff + b * xsN + ch * xsC;
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int rowStart = oOff + b * osN + ((ch * kh + i) * kw + j) * osRow;
                        int first = firstInside(pw - j * dw, sw, ow);
                        int last = Math.max(first, lastInside(w - 1 + pw - j * dw, sw, ow));
                        int ix0 = first * sw - pw + j * dw;
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * sh - ph + i * dh;
                            int o = rowStart + oy * ow * osCol;
                            if (iy < 0 || iy >= h) {
                                zeros(dst, o, osCol, 0, ow);
                                continue;
                            }
                            zeros(dst, o, osCol, 0, first);
                            int from = xPlane + iy * xsY + ix0 * xsX;
                            if (osCol == 1 && sw * xsX == 1) {
                                System.arraycopy(src, from, dst, o + first, last - first);
                            } else {
                                for (int ox = first; ox < last; ox++, from += sw * xsX) {
                                    dst[o + ox * osCol] = src[from];
                                }
                            }
                            zeros(dst, o, osCol, last, ow);
                        }
                    }
                }
            }
        });
        return true;
    }

    /** col2im into out; false (nothing done) unless both are float32. See {@link CpuBackend#col2im}. */
    static boolean tryCol2im(Tensor cols, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh,
                             int dw, Tensor out) {
        if (!(cols.storage() instanceof CpuStorage.Floats cs) || !(out.storage() instanceof CpuStorage.Floats os)) {
            return false;
        }
        int n = cols.size(0);
        int oh = ConvGeometry.outputSize("col2im", h, kh, sh, ph, dh);
        int ow = ConvGeometry.outputSize("col2im", w, kw, sw, pw, dw);
        float[] src = cs.data;
        float[] dst = os.data;
        int cOff = cols.offset(), csN = cols.stride(0), csRow = cols.stride(1), csCol = cols.stride(2);
        int oOff = out.offset(), osN = out.stride(0), osC = out.stride(1), osY = out.stride(2), osX = out.stride(3);
        Parallel.forRange(n * c, (long) kh * kw * oh * ow, (start, end) -> {
            double[] acc = new double[h * w];
            for (int plane = start; plane < end; plane++) {
                int b = plane / c, ch = plane % c;
                Arrays.fill(acc, 0.0);
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int rowStart = cOff + b * csN + ((ch * kh + i) * kw + j) * csRow;
                        int first = firstInside(pw - j * dw, sw, ow);
                        int last = Math.max(first, lastInside(w - 1 + pw - j * dw, sw, ow));
                        int ix0 = first * sw - pw + j * dw;
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * sh - ph + i * dh;
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            int from = rowStart + (oy * ow + first) * csCol;
                            int to = iy * w + ix0;
                            for (int ox = first; ox < last; ox++, from += csCol, to += sw) {
                                acc[to] += src[from];
                            }
                        }
                    }
                }
                int oPlane = oOff + b * osN + ch * osC;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        dst[oPlane + y * osY + x * osX] = (float) acc[y * w + x];
                    }
                }
            }
        });
        return true;
    }

    /** The first window position ox in [0, ow] whose tap reads x = ox*stride - shift >= 0. */
    private static int firstInside(int shift, int stride, int ow) {
        return Math.min(ow, Math.max(0, Math.floorDiv(shift + stride - 1, stride)));
    }

    /** One past the last window position ox in [0, ow] whose tap reads x = ox*stride - shift <= limit. */
    private static int lastInside(int limitPlusShift, int stride, int ow) {
        return Math.min(ow, Math.max(0, Math.floorDiv(limitPlusShift, stride) + 1));
    }

    private static void zeros(float[] dst, int o, int step, int from, int to) {
        if (step == 1) {
            Arrays.fill(dst, o + from, o + to, 0f);
        } else {
            for (int ox = from; ox < to; ox++) {
                dst[o + ox * step] = 0f;
            }
        }
    }
}
