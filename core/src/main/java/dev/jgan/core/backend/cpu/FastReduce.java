package dev.jgan.core.backend.cpu;

import dev.jgan.core.Shape;
import dev.jgan.core.backend.MergedDims;
import dev.jgan.core.backend.Operand;
import dev.jgan.core.backend.ReduceOp;

/**
 * The float32 fast path of sum, max and min over any set of dims.
 *
 * <p>On a row-major input, neighbouring dims that are both reduced or both kept merge, so every
 * reduction is a chain of two shapes: the last dim reduced ({@code [R, L] -> [R]}, a dot-product
 * like walk along each row) or a middle dim reduced between kept ones ({@code [O, M, N] -> [O,
 * N]}, rows added into an accumulator row, a loop C2 vectorizes). Reducing the innermost group
 * first and repeating handles the rest, e.g. {@code [B, C, H*W] -> [C]} for batch norm.
 *
 * <p>Sums run in float inside blocks and add the block results in double, so the rounding error
 * stays near the reference's (which sums in double) even for long rows; along a row eight
 * independent partial sums keep the adder busy. max and min are exact, NaN propagating.
 */
final class FastReduce {
    /** Elements summed in float before the partial result moves to a double. */
    static final int BLOCK = 4096;
    /**
     * Shortest row whose sum runs in SIMD registers: a row's eight partial sums must leave the
     * register one by one at its end, and on rows of 16 floats (a batch norm's 4x4 planes) that
     * cost more than the adds saved (8192 rows: 25 us in scalar, 29-35 in registers; 32 floats:
     * 23 against 18).
     */
    static final int VECTOR_ROW_MIN = 32;
    /** Rows added in float in a middle reduction before they move to a double accumulator. */
    static final int ROWS_IN_FLOAT = 256;
    /** Columns per work item of a middle reduction: one row piece is 1 KiB. */
    static final int COLUMNS = 256;

    private FastReduce() {
    }

    /** Reduces the dims where {@code reduced} is true; false (nothing done) unless float32 and non-empty. */
    static boolean tryRun(ReduceOp op, Operand x, boolean[] reduced, Operand out) {
        if (!(x.storage() instanceof CpuStorage.Floats) || !(out.storage() instanceof CpuStorage.Floats)
                || x.numel() == 0) {
            return false;
        }
        // The input as it will be read (row-major) and the output in its keepdim layout, stride 0
        // on the reduced dims: merging their dims leaves groups that are all reduced or all kept.
        int[] shape = x.shape();
        int[] keepdim = shape.clone();
        for (int d = 0; d < shape.length; d++) {
            keepdim[d] = reduced[d] ? 1 : shape[d];
        }
        int[] outStrides = Shape.contiguousStrides(keepdim);
        for (int d = 0; d < shape.length; d++) {
            outStrides[d] = reduced[d] ? 0 : outStrides[d];
        }
        MergedDims merged = MergedDims.of(shape, Shape.contiguousStrides(shape), outStrides);
        int groups = merged.rank();
        int[] sizes = merged.sizes();
        boolean[] groupReduced = new boolean[groups];
        int reducedGroups = 0;
        for (int g = 0; g < groups; g++) {
            groupReduced[g] = merged.strides()[1][g] == 0;
            reducedGroups += groupReduced[g] ? 1 : 0;
        }
        DenseOperand in = DenseOperand.contiguous(x);
        Destination dst = Destination.of(out);
        float[] cur = in.data();
        int curOff = in.offset();
        if (reducedGroups == 0) {
            System.arraycopy(cur, curOff, dst.data(), dst.offset(), out.numel());
        }
        while (reducedGroups > 0) {
            boolean lastStep = reducedGroups == 1;
            int keptAfter = 1;
            for (int g = 0; g < groups - 1; g++) {
                keptAfter *= sizes[g];
            }
            if (groupReduced[groups - 1]) {
                float[] target = lastStep ? dst.data() : new float[keptAfter];
                int targetOff = lastStep ? dst.offset() : 0;
                lastDim(op, cur, curOff, keptAfter, sizes[groups - 1], target, targetOff);
                cur = target;
                curOff = targetOff;
                groups--;
            } else {
                int n = sizes[groups - 1];
                int m = sizes[groups - 2];
                int outer = keptAfter / m;
                float[] target = lastStep ? dst.data() : new float[outer * n];
                int targetOff = lastStep ? dst.offset() : 0;
                middleDim(op, cur, curOff, outer, m, n, target, targetOff);
                cur = target;
                curOff = targetOff;
                // The reduced group is gone: the kept groups on either side of it are now neighbours.
                if (groups >= 3) {
                    sizes[groups - 3] *= n;
                    groups -= 2;
                } else {
                    sizes[0] = n;
                    groupReduced[0] = false;
                    groups = 1;
                }
            }
            reducedGroups--;
        }
        dst.finish();
        return true;
    }

    /** o[oo + r] = op over x[xo + r*len, xo + (r+1)*len) for r in [0, rows). */
    private static void lastDim(ReduceOp op, float[] x, int xo, int rows, int len, float[] o, int oo) {
        boolean vectorSums = op == ReduceOp.SUM && MicroKernels.VECTOR_API && VectorArithmetic.holdsRowStep()
                && len >= VECTOR_ROW_MIN;
        if (rows > 1 && vectorSums && len <= BLOCK) {
            // The same adds in the same order, eight rows at a time in registers.
            Parallel.forRange(rows, len, (start, end) ->
                    VectorArithmetic.rowSums(x, xo + start * len, len, end - start, len, o, oo + start));
            return;
        }
        if (rows > 1) {
            Parallel.forRange(rows, len, (start, end) -> {
                for (int r = start; r < end; r++) {
                    o[oo + r] = (float) row(op, x, xo + r * len, len);
                }
            });
            return;
        }
        // One long row (a reduction over everything): split it into blocks across the cores.
        int blocks = (len + BLOCK - 1) / BLOCK;
        double[] partial = new double[blocks];
        if (vectorSums) {
            // Each block is a row of its own; a float block sum widens to the same double.
            float[] blockSums = new float[blocks];
            Parallel.forRange(blocks, BLOCK, (start, end) -> {
                int last = Math.min(end, len / BLOCK);
                if (last > start) {
                    VectorArithmetic.rowSums(x, xo + start * BLOCK, BLOCK, last - start, BLOCK, blockSums, start);
                }
                if (end > last) {
                    VectorArithmetic.rowSums(x, xo + last * BLOCK, BLOCK, 1, len - last * BLOCK, blockSums, last);
                }
            });
            for (int b = 0; b < blocks; b++) {
                partial[b] = blockSums[b];
            }
        } else {
            Parallel.forRange(blocks, BLOCK, (start, end) -> {
                for (int b = start; b < end; b++) {
                    int from = b * BLOCK;
                    partial[b] = row(op, x, xo + from, Math.min(BLOCK, len - from));
                }
            });
        }
        double total = partial[0];
        for (int b = 1; b < blocks; b++) {
            total = switch (op) {
                case SUM -> total + partial[b];
                case MAX -> Math.max(total, partial[b]);
                case MIN -> Math.min(total, partial[b]);
            };
        }
        o[oo] = (float) total;
    }

    private static double row(ReduceOp op, float[] x, int xo, int len) {
        return switch (op) {
            case SUM -> {
                double total = 0;
                for (int from = 0; from < len; from += BLOCK) {
                    total += sum(x, xo + from, Math.min(BLOCK, len - from));
                }
                yield total;
            }
            case MAX -> max(x, xo, len);
            case MIN -> min(x, xo, len);
        };
    }

    private static float sum(float[] x, int xo, int len) {
        return sumFrom(0, 0, 0, 0, 0, 0, 0, 0, x, xo, 0, len);
    }

    /**
     * The float sum of x[xo, xo + len) by its definition, resumed at element {@code from} (a
     * multiple of 8) with the partial sums so far: element i goes into partial sum i mod 8 in order,
     * the eight combine as ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)), and the last len mod 8
     * elements are added one by one. {@link VectorArithmetic#rowSums} hands over its lanes here.
     */
    static float sumFrom(float s0, float s1, float s2, float s3, float s4, float s5, float s6, float s7,
            float[] x, int xo, int from, int len) {
        int i = from;
        for (; i + 8 <= len; i += 8) {
            int p = xo + i;
            s0 += x[p];
            s1 += x[p + 1];
            s2 += x[p + 2];
            s3 += x[p + 3];
            s4 += x[p + 4];
            s5 += x[p + 5];
            s6 += x[p + 6];
            s7 += x[p + 7];
        }
        float s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        for (; i < len; i++) {
            s += x[xo + i];
        }
        return s;
    }

    private static float max(float[] x, int xo, int len) {
        float m0 = Float.NEGATIVE_INFINITY, m1 = m0, m2 = m0, m3 = m0;
        int i = 0;
        for (; i + 4 <= len; i += 4) {
            int p = xo + i;
            m0 = Math.max(m0, x[p]);
            m1 = Math.max(m1, x[p + 1]);
            m2 = Math.max(m2, x[p + 2]);
            m3 = Math.max(m3, x[p + 3]);
        }
        float m = Math.max(Math.max(m0, m1), Math.max(m2, m3));
        for (; i < len; i++) {
            m = Math.max(m, x[xo + i]);
        }
        return m;
    }

    private static float min(float[] x, int xo, int len) {
        float m0 = Float.POSITIVE_INFINITY, m1 = m0, m2 = m0, m3 = m0;
        int i = 0;
        for (; i + 4 <= len; i += 4) {
            int p = xo + i;
            m0 = Math.min(m0, x[p]);
            m1 = Math.min(m1, x[p + 1]);
            m2 = Math.min(m2, x[p + 2]);
            m3 = Math.min(m3, x[p + 3]);
        }
        float m = Math.min(Math.min(m0, m1), Math.min(m2, m3));
        for (; i < len; i++) {
            m = Math.min(m, x[xo + i]);
        }
        return m;
    }

    /** o[oo + a*n + j] = op over i of x[xo + (a*m + i)*n + j], for a in [0, outer), j in [0, n). */
    private static void middleDim(ReduceOp op, float[] x, int xo, int outer, int m, int n, float[] o, int oo) {
        int pieces = (n + COLUMNS - 1) / COLUMNS;
        Parallel.forRange(outer * pieces, (long) m * Math.min(n, COLUMNS), (start, end) -> {
            for (int item = start; item < end; item++) {
                int a = item / pieces;
                int from = (item % pieces) * COLUMNS;
                int to = Math.min(from + COLUMNS, n);
                columns(op, x, xo + a * m * n, m, n, from, to, o, oo + a * n);
            }
        });
    }

    /** Columns [from, to) of an [m, n] block reduced over its rows into o[oo + j]. */
    private static void columns(ReduceOp op, float[] x, int xo, int m, int n, int from, int to, float[] o, int oo) {
        if (op == ReduceOp.SUM && m > ROWS_IN_FLOAT) {
            sumInBlocks(x, xo, m, n, from, to, o, oo);
        } else {
            rowsInto(op, x, xo, m, n, from, to, o, oo);
        }
    }

    /**
     * A long column sum: blocks of rows summed in float, the block sums added in double. Not
     * written as a recursive call of {@link #columns}: C2 then compiled the row loops about
     * twice as slow.
     */
    private static void sumInBlocks(float[] x, int xo, int m, int n, int from, int to, float[] o, int oo) {
        double[] total = new double[to - from];
        for (int r0 = 0; r0 < m; r0 += ROWS_IN_FLOAT) {
            rowsInto(ReduceOp.SUM, x, xo + r0 * n, Math.min(ROWS_IN_FLOAT, m - r0), n, from, to, o, oo);
            for (int j = from; j < to; j++) {
                total[j - from] += o[oo + j];
            }
        }
        for (int j = from; j < to; j++) {
            o[oo + j] = (float) total[j - from];
        }
    }

    /**
     * o[oo + j] = op over the m rows of x[xo + i*n + j], j in [from, to), in float. Each row's
     * piece is staged into a scratch array so that the accumulating loop reads and writes at one
     * index (see {@link Staging}).
     */
    private static void rowsInto(ReduceOp op, float[] x, int xo, int m, int n, int from, int to, float[] o, int oo) {
        int width = to - from;
        if (op == ReduceOp.SUM && MicroKernels.VECTOR_API) {
            // The same adds in the same order, the rows read in place and the sums kept in registers.
            VectorArithmetic.columnSums(x, xo + from, m, n, width, o, oo + from);
            return;
        }
        float[] acc = new float[width];
        System.arraycopy(x, xo + from, acc, 0, width);
        float[] row = new float[width];
        for (int i = 1; i < m; i++) {
            System.arraycopy(x, xo + i * n + from, row, 0, width);
            switch (op) {
                case SUM -> {
                    for (int j = 0; j < width; j++) {
                        acc[j] += row[j];
                    }
                }
                case MAX -> {
                    for (int j = 0; j < width; j++) {
                        acc[j] = Math.max(acc[j], row[j]);
                    }
                }
                case MIN -> {
                    for (int j = 0; j < width; j++) {
                        acc[j] = Math.min(acc[j], row[j]);
                    }
                }
            }
        }
        System.arraycopy(acc, 0, o, oo + from, width);
    }
}
