package dev.jgan.core.backend.cpu;

import dev.jgan.core.Shape;
import dev.jgan.core.backend.MergedDims;
import dev.jgan.core.backend.Operand;

import java.util.Arrays;

/**
 * The float32 fast path of copy and fill, and the packing that lets the other fast paths treat
 * any strided view as a plain row-major array.
 *
 * <p>Why it is fast: dims that are laid out back to back in both source and destination are
 * merged first, so a contiguous copy becomes one {@code arraycopy} and most views become a 2-D
 * problem; a 2-D copy whose inner strides are not both 1 (a transpose) is done in square tiles,
 * so the lines of both arrays that a tile touches stay in cache while it is done.
 */
final class StridedCopy {
    /** 32 x 32 floats: 32 cache lines of each array per tile, well inside L1. */
    private static final int TILE = 32;

    private StridedCopy() {
    }

    /** dst = src elementwise; false (nothing done) unless both are float32. */
    static boolean tryCopy(Operand src, Operand dst) {
        if (!(src.storage() instanceof CpuStorage.Floats s) || !(dst.storage() instanceof CpuStorage.Floats d)) {
            return false;
        }
        copy(s.data(), src.offset(), src.strides(), d.data(), dst.offset(), dst.strides(), dst.shape());
        return true;
    }

    /** Every element of dst set to value; false (nothing done) unless dst is float32. */
    static boolean tryFill(Operand dst, double value) {
        if (!(dst.storage() instanceof CpuStorage.Floats d)) {
            return false;
        }
        if (dst.isContiguous()) {
            Arrays.fill(d.data(), dst.offset(), dst.offset() + dst.numel(), (float) value);
        } else {
            // A fill is a copy from one element seen through stride 0 everywhere.
            copy(new float[]{(float) value}, 0, new int[dst.dim()], d.data(), dst.offset(), dst.strides(), dst.shape());
        }
        return true;
    }

    /** A new row-major array holding the elements of float32 operand t. */
    static float[] packed(Operand t) {
        float[] out = new float[t.numel()];
        copy(((CpuStorage.Floats) t.storage()).data(), t.offset(), t.strides(), out, 0,
                Shape.contiguousStrides(t.shape()), t.shape());
        return out;
    }

    /** Writes row-major {@code src} into the elements of float32 operand dst. */
    static void unpack(float[] src, Operand dst) {
        copy(src, 0, Shape.contiguousStrides(dst.shape()), ((CpuStorage.Floats) dst.storage()).data(),
                dst.offset(), dst.strides(), dst.shape());
    }

    /** d[dOff + index . dStrides] = s[sOff + index . sStrides] for every index of shape. */
    static void copy(float[] s, int sOff, int[] sStrides, float[] d, int dOff, int[] dStrides, int[] shape) {
        if (Shape.numel(shape) == 0) {
            return;
        }
        // Merge dims that follow each other in memory in both arrays; size-1 dims vanish.
        MergedDims merged = MergedDims.of(shape, sStrides, dStrides);
        int rank = merged.rank();
        if (rank == 0) {
            d[dOff] = s[sOff];
            return;
        }
        int[] size = merged.sizes();
        int[] ss = merged.strides()[0];
        int[] ds = merged.strides()[1];
        if (rank == 1) {
            // One line: seen as a 2-D copy of a single row.
            size = new int[]{1, size[0]};
            ss = new int[]{0, ss[0]};
            ds = new int[]{0, ds[0]};
            rank = 2;
        }
        int rows = size[rank - 2];
        int cols = size[rank - 1];
        int[] outer = Arrays.copyOf(size, rank - 2);
        int[] sBase = StridedIndex.walk(outer, Arrays.copyOf(ss, rank - 2), sOff);
        int[] dBase = StridedIndex.walk(outer, Arrays.copyOf(ds, rank - 2), dOff);
        int sr = ss[rank - 2];
        int sc = ss[rank - 1];
        int dr = ds[rank - 2];
        int dc = ds[rank - 1];
        int bands = (rows + TILE - 1) / TILE;
        // Work items: bands of TILE rows of each 2-D plane.
        Parallel.forRange(sBase.length * bands, (long) TILE * cols, (start, end) -> {
            for (int item = start; item < end; item++) {
                int plane = item / bands;
                int r0 = (item % bands) * TILE;
                band(s, sBase[plane], sr, sc, d, dBase[plane], dr, dc, r0, Math.min(r0 + TILE, rows), cols);
            }
        });
    }

    private static void band(float[] s, int sBase, int sr, int sc, float[] d, int dBase, int dr, int dc,
                             int r0, int r1, int cols) {
        if (sc == 1 && dc == 1) {
            for (int i = r0; i < r1; i++) {
                System.arraycopy(s, sBase + i * sr, d, dBase + i * dr, cols);
            }
            return;
        }
        for (int c0 = 0; c0 < cols; c0 += TILE) {
            int c1 = Math.min(c0 + TILE, cols);
            for (int i = r0; i < r1; i++) {
                int si = sBase + i * sr;
                int di = dBase + i * dr;
                for (int j = c0; j < c1; j++) {
                    d[di + j * dc] = s[si + j * sc];
                }
            }
        }
    }
}
