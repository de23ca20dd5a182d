package dev.jgan.core.backend.cpu;

import dev.jgan.core.backend.Operand;
import dev.jgan.core.ops.ConvGeometry;

import java.util.Arrays;

/**
 * The float32 fast paths of im2col and col2im, for inputs and outputs of any strides (the
 * convolutions hand them columns stored batch-inner, [C*kh*kw, N, OH*OW], seen as [N, C*kh*kw,
 * OH*OW]).
 *
 * <p>Why they are fast: the reference loops visit every (pixel, tap) pair through virtual
 * {@code get}/{@code set} calls and test the padding and the stride per element. Which pixel of
 * an (image, channel) plane each column entry copies, or adds to, depends on the geometry and the
 * strides only, so it is worked out once per call into tables of offsets, and each work item is
 * then one loop over them without tests and without per-row work. That matters because the
 * DCGAN's rows are 1 to 16 entries long: per-row calls and bounds cost more than the copying.
 * im2col first copies planes that the windows overhang into a scratch buffer with a zero border,
 * so that entries in the padding read a zero like any other entry. Into batch-inner columns, a
 * work item is one channel of 8 images, whose entries of a row lie end to end, so it writes runs
 * of 8 images' entries one after the other instead of one image's 16 short runs a whole [N,
 * OH*OW] block apart (slow stores: 1.7x the time at 64x16x16).
 *
 * <p>col2im gives the reference's bits: the reference sums, per pixel, the column entries of
 * taps (i, j) in row-major tap order, in double, from 0. Here each plane is summed by adding the
 * entries that read the image, tap after tap in that same order, into a double plane filled with
 * 0, and each pixel gets at most one entry per tap, so every pixel sees the same additions in the
 * same order.
 */
final class FastWindows {
    /** Images per work item of im2col into batch-inner columns: runs of 8 images' entries, and 8 items for C = 1. */
    private static final int IMAGES_PER_ITEM = 8;

    private FastWindows() {
    }

    /** im2col into out; false (nothing done) unless both are float32. See {@link CpuBackend#im2col}. */
    static boolean tryIm2col(Operand x, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, Operand out) {
        if (!(x.storage() instanceof CpuStorage.Floats xs) || !(out.storage() instanceof CpuStorage.Floats os)) {
            return false;
        }
        int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        int oh = ConvGeometry.outputSize("im2col", h, kh, sh, ph, dh);
        int ow = ConvGeometry.outputSize("im2col", w, kw, sw, pw, dw);
        int taps = kh * kw, positions = oh * ow;
        float[] src = xs.data();
        float[] dst = os.data();
        int xOff = x.offset(), xsN = x.stride(0), xsC = x.stride(1), xsY = x.stride(2), xsX = x.stride(3);
        int oOff = out.offset(), osN = out.stride(0), osRow = out.stride(1), osCol = out.stride(2);
        // A work item is one channel of a block of images. Batch-inner columns hold a row's
        // entries for consecutive images in one run, so a block of them is written run after run;
        // otherwise a block is one image, and its rows are one run where they lie end to end.
        boolean batchInner = osN < osRow && osN == positions * osCol;
        int block = batchInner ? Math.min(n, IMAGES_PER_ITEM) : 1;
        int blocks = (n + block - 1) / block;
        int runs = !batchInner && osRow == positions * osCol ? 1 : taps;
        // Windows reach at most the padding, so padded planes are (h + 2ph) x (w + 2pw).
        boolean padding = ph > 0 || pw > 0;
        int paddedW = w + 2 * pw, paddedPlane = (h + 2 * ph) * paddedW;
        int[] table = padding ? im2colTable(kh, kw, oh, ow, sh, sw, dh, dw, paddedW, 1, block, paddedPlane)
                : im2colTable(kh, kw, oh, ow, sh, sw, dh, dw, xsY, xsX, block, xsN);
        int runLength = table.length / runs;
        Parallel.forRange(c * blocks, (long) table.length, (start, end) -> {
            float[] padded = padding ? new float[block * paddedPlane] : null;
            for (int item = start; item < end; item++) {
                int ch = batchInner ? item / blocks : item % c;
                int b0 = batchInner ? item % blocks * block : item / c;
                int images = Math.min(block, n - b0);
                int xFirst = xOff + b0 * xsN + ch * xsC;
                int o = oOff + b0 * osN + ch * taps * osRow;
                // The last block may hold fewer images: a shorter run at the same places.
                int length = runLength / block * images;
                if (padding) {
                    for (int k = 0; k < images; k++) {
                        copyInto(src, xFirst + k * xsN, xsY, xsX, h, w, padded, k * paddedPlane + ph * paddedW + pw,
                                paddedW);
                    }
                    gather(padded, 0, table, runLength, length, dst, o, osRow, osCol);
                } else {
                    gather(src, xFirst, table, runLength, length, dst, o, osRow, osCol);
                }
            }
        });
        return true;
    }

    /**
     * For column entry (tap (i, j), image k of a block, window (oy, ox)), in that order, the
     * offset of the pixel it copies, in planes of the given strides that start where the top-left
     * window does.
     */
    private static int[] im2colTable(int kh, int kw, int oh, int ow, int sh, int sw, int dh, int dw, int strideY,
                                     int strideX, int images, int imageStride) {
        int[] table = new int[kh * kw * images * oh * ow];
        int e = 0;
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                for (int k = 0; k < images; k++) {
                    for (int oy = 0; oy < oh; oy++) {
                        for (int ox = 0; ox < ow; ox++) {
                            table[e++] = k * imageStride + (oy * sh + i * dh) * strideY + (ox * sw + j * dw) * strideX;
                        }
                    }
                }
            }
        }
        return table;
    }

    /**
     * Column runs: the first {@code length} entries of run r, table entries r*runLength on, go
     * to dst[o + r*osRow], osCol apart, each src[base + table[..]].
     */
    private static void gather(float[] src, int base, int[] table, int runLength, int length, float[] dst, int o,
                               int osRow, int osCol) {
        for (int r = 0, e = 0; e < table.length; r++, e += runLength) {
            int to = o + r * osRow;
            if (osCol == 1) {
                for (int q = 0; q < length; q++) {
                    dst[to + q] = src[base + table[e + q]];
                }
            } else {
                for (int q = 0; q < length; q++) {
                    dst[to + q * osCol] = src[base + table[e + q]];
                }
            }
        }
    }

    /** Copies an h x w plane of the given strides into dst, rows dstRow apart from dst[to]. */
    private static void copyInto(float[] src, int from, int strideY, int strideX, int h, int w, float[] dst, int to,
                                 int dstRow) {
        for (int y = 0; y < h; y++) {
            int s = from + y * strideY, d = to + y * dstRow;
            if (strideX == 1) {
                System.arraycopy(src, s, dst, d, w);
            } else {
                for (int x = 0; x < w; x++) {
                    dst[d + x] = src[s + x * strideX];
                }
            }
        }
    }

    /** col2im into out; false (nothing done) unless both are float32. See {@link CpuBackend#col2im}. */
    static boolean tryCol2im(Operand cols, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh,
                             int dw, Operand out) {
        if (!(cols.storage() instanceof CpuStorage.Floats cs) || !(out.storage() instanceof CpuStorage.Floats os)) {
            return false;
        }
        int n = cols.size(0);
        int oh = ConvGeometry.outputSize("col2im", h, kh, sh, ph, dh);
        int ow = ConvGeometry.outputSize("col2im", w, kw, sw, pw, dw);
        int taps = kh * kw;
        Entries entries = Entries.of(kh, kw, oh, ow, sh, sw, ph, pw, dh, dw, h, w, cols.stride(1), cols.stride(2));
        float[] src = cs.data();
        float[] dst = os.data();
        int cOff = cols.offset(), csN = cols.stride(0), csRow = cols.stride(1);
        int oOff = out.offset(), osN = out.stride(0), osC = out.stride(1), osY = out.stride(2), osX = out.stride(3);
        boolean channelMajor = csN < csRow;
        Parallel.forRange(n * c, (long) taps * oh * ow, (start, end) -> {
            double[] sums = new double[h * w];
            for (int plane = start; plane < end; plane++) {
                int b = channelMajor ? plane % n : plane / c;
                int ch = channelMajor ? plane / n : plane % c;
                Arrays.fill(sums, 0.0);
                entries.addTo(sums, src, cOff + b * csN + ch * taps * csRow);
                store(sums, h, w, dst, oOff + b * osN + ch * osC, osY, osX);
            }
        });
        return true;
    }

    /**
     * The column entries of one plane that read the image (not the padding), in tap order: entry
     * e, at offset {@code column[e]} in the plane, goes to pixel {@code pixel[e]} (y*w + x).
     * Each pixel gets at most one entry per tap, so scattering them in this order adds each
     * pixel's entries in tap order, as the reference does.
     */
    private record Entries(int[] column, int[] pixel) {
        static Entries of(int kh, int kw, int oh, int ow, int sh, int sw, int ph, int pw, int dh, int dw, int h, int w,
                          int rowStride, int colStride) {
            int[] column = new int[kh * kw * oh * ow];
            int[] pixel = new int[column.length];
            int count = 0;
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    for (int oy = 0; oy < oh; oy++) {
                        int y = oy * sh - ph + i * dh;
                        for (int ox = 0; ox < ow; ox++) {
                            int x = ox * sw - pw + j * dw;
                            if (y >= 0 && y < h && x >= 0 && x < w) {
                                column[count] = (i * kw + j) * rowStride + (oy * ow + ox) * colStride;
                                pixel[count++] = y * w + x;
                            }
                        }
                    }
                }
            }
            return new Entries(Arrays.copyOf(column, count), Arrays.copyOf(pixel, count));
        }

        /** sums[pixel[e]] += src[base + column[e]], in order. */
        void addTo(double[] sums, float[] src, int base) {
            for (int e = 0; e < column.length; e++) {
                sums[pixel[e]] += src[base + column[e]];
            }
        }
    }

    /** The h x w sums rounded to float, into the plane at dst[o] with the given strides. */
    private static void store(double[] sums, int h, int w, float[] dst, int o, int osY, int osX) {
        if (osX == 1 && osY == w) {
            for (int q = 0; q < sums.length; q++) {
                dst[o + q] = (float) sums[q];
            }
            return;
        }
        for (int y = 0, q = 0; y < h; y++) {
            for (int x = 0; x < w; x++, q++) {
                dst[o + y * osY + x * osX] = (float) sums[q];
            }
        }
    }
}
