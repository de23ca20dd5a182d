package dev.jgan.core.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The previous float32 fast path of matmul, now a rung of {@link MatmulRung} and the oracle that
 * {@link PackedMatmul} must match bit for bit: C = A B on row-major arrays, cache-blocked, four
 * rows of C at a time, rows split across the cores.
 *
 * <p>The idea behind this shape: the inner loop {@code c[j] += a * b[j]} runs over contiguous
 * memory, which HotSpot's C2 compiler could turn into SIMD; updating four rows of C per pass
 * loads each element of B once for four uses; blocking k and j keeps the panel of B in cache
 * while the rows stream past. Why it stayed slow: C2 keeps the inner loop scalar, because its
 * five arrays sit at different offsets (see {@link Staging}), and every step loads and stores C.
 */
final class BlockedMatmul {
    /** Columns of B per block: 4 rows of C plus a B panel of KC x NC floats stay in L2. */
    private static final int NC = 512;
    /** Rows of B (depth) per block. */
    private static final int KC = 128;
    /** Below this many multiply-adds, threading costs more than it saves. */
    private static final long PARALLEL_THRESHOLD = 1L << 18;
    private static final int ROWS_PER_TASK = 16;

    private BlockedMatmul() {
    }

    /** c[cOff + i*n + j] = sum_p a[aOff + i*k + p] * b[bOff + p*n + j]; c is overwritten. */
    static void multiply(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
        if ((long) m * n * k < PARALLEL_THRESHOLD || m < 2 * ROWS_PER_TASK) {
            rows(a, aOff, b, bOff, c, cOff, 0, m, k, n);
        } else {
            ForkJoinPool.commonPool().invoke(new RowTask(a, aOff, b, bOff, c, cOff, 0, m, k, n));
        }
    }

    /** As {@link #multiply}, on the calling thread alone. */
    static void multiplyOnOneThread(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
        rows(a, aOff, b, bOff, c, cOff, 0, m, k, n);
    }

    private static void rows(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                             int rowStart, int rowEnd, int k, int n) {
        for (int jc = 0; jc < n; jc += NC) {
            int jEnd = Math.min(jc + NC, n);
            for (int pc = 0; pc < k; pc += KC) {
                int pEnd = Math.min(pc + KC, k);
                int i = rowStart;
                for (; i + 4 <= rowEnd; i += 4) {
                    fourRows(a, aOff, b, bOff, c, cOff, i, k, n, jc, jEnd, pc, pEnd);
                }
                for (; i < rowEnd; i++) {
                    oneRow(a, aOff, b, bOff, c, cOff, i, k, n, jc, jEnd, pc, pEnd);
                }
            }
        }
    }

    private static void fourRows(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int i,
                                 int k, int n, int jc, int jEnd, int pc, int pEnd) {
        int c0 = cOff + i * n;
        int c1 = c0 + n;
        int c2 = c1 + n;
        int c3 = c2 + n;
        int a0 = aOff + i * k;
        for (int p = pc; p < pEnd; p++) {
            float x0 = a[a0 + p];
            float x1 = a[a0 + k + p];
            float x2 = a[a0 + 2 * k + p];
            float x3 = a[a0 + 3 * k + p];
            int bRow = bOff + p * n;
            for (int j = jc; j < jEnd; j++) {
                float bv = b[bRow + j];
                c[c0 + j] = Math.fma(x0, bv, c[c0 + j]);
                c[c1 + j] = Math.fma(x1, bv, c[c1 + j]);
                c[c2 + j] = Math.fma(x2, bv, c[c2 + j]);
                c[c3 + j] = Math.fma(x3, bv, c[c3 + j]);
            }
        }
    }

    private static void oneRow(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int i,
                               int k, int n, int jc, int jEnd, int pc, int pEnd) {
        int cRow = cOff + i * n;
        for (int p = pc; p < pEnd; p++) {
            float x = a[aOff + i * k + p];
            int bRow = bOff + p * n;
            for (int j = jc; j < jEnd; j++) {
                c[cRow + j] = Math.fma(x, b[bRow + j], c[cRow + j]);
            }
        }
    }

    /** Splits the rows of C in halves until a piece is small; each piece runs {@link #rows}. */
    private static final class RowTask extends RecursiveAction {
        private final float[] a;
        private final int aOff;
        private final float[] b;
        private final int bOff;
        private final float[] c;
        private final int cOff;
        private final int rowStart;
        private final int rowEnd;
        private final int k;
        private final int n;

        RowTask(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int rowStart, int rowEnd, int k, int n) {
            this.a = a;
            this.aOff = aOff;
            this.b = b;
            this.bOff = bOff;
            this.c = c;
            this.cOff = cOff;
            this.rowStart = rowStart;
            this.rowEnd = rowEnd;
            this.k = k;
            this.n = n;
        }

        @Override
        protected void compute() {
            if (rowEnd - rowStart <= ROWS_PER_TASK) {
                rows(a, aOff, b, bOff, c, cOff, rowStart, rowEnd, k, n);
                return;
            }
            // Split on a multiple of 4 so that the four-row kernel does most of the work.
            int mid = rowStart + ((rowEnd - rowStart) / 2 & ~3);
            invokeAll(new RowTask(a, aOff, b, bOff, c, cOff, rowStart, mid, k, n),
                    new RowTask(a, aOff, b, bOff, c, cOff, mid, rowEnd, k, n));
        }
    }
}
