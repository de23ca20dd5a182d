package dev.jgan.tutorials.kernels;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.cpu.MatmulRung;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Exercise 11: the coalesced mapping, launched thread by thread as a GPU would, computes every
 * entry of C exactly once with the naive loop's bits, and its warps touch one 128-byte segment of
 * B and of C per step where the naive mapping's touch 32.
 */
class CoalescedExerciseTest {
    /** Threads per warp, and bytes per memory transaction (a 128-byte segment). */
    private static final int WARP = 32;
    private static final int SEGMENT = 128;

    /** The mapping a kernel uses: {row, col} from (blockIdx.x, blockIdx.y, threadIdx.x, threadIdx.y, blockDim.x, blockDim.y). */
    interface Mapping {
        int[] rowCol(int bx, int by, int tx, int ty, int bdx, int bdy);
    }

    @Test
    void everyEntryOnceWithTheNaiveLoopsBits() {
        // The model first: rung 1 covers C too, so a failure below is the coalesced mapping's.
        launch(CoalescedIndexing::naive, CoalescedIndexing.naiveGrid(7, 5, 32, 8), 32, 8, new float[7 * 3],
                new float[3 * 5], 7, 3, 5);
        int[][] sizes = {{1, 1, 1}, {7, 13, 5}, {33, 65, 17}, {67, 130, 131}};
        for (int[] s : sizes) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = Tensor.randn(new Generator(11L * m + k), m, k).toFloatArray();
            float[] b = Tensor.randn(new Generator(13L * n + k), k, n).toFloatArray();
            float[] expected = new float[m * n];
            MatmulRung.NAIVE.multiply(a, b, expected, m, k, n);
            int[] grid = CoalescedIndexing.coalescedGrid(m, n, 32, 8);
            float[] c = launch(CoalescedIndexing::coalesced, grid, 32, 8, a, b, m, k, n);
            assertArrayEquals(expected, c, m + " x " + k + " x " + n);
        }
    }

    @Test
    void aWarpTouchesOneSegmentOfBAndOfC() {
        int n = 256;
        int[] naive = segmentsPerWarp(CoalescedIndexing::naive, n);
        int[] coalesced = segmentsPerWarp(CoalescedIndexing::coalesced, n);
        System.out.printf("exercise 11: 128-byte segments per warp and step, A / B / C: naive %d / %d / %d,"
                + " coalesced %d / %d / %d%n", naive[0], naive[1], naive[2], coalesced[0], coalesced[1], coalesced[2]);
        assertArrayEquals(new int[]{32, 1, 32}, naive, "rung 1, the model");
        assertArrayEquals(new int[]{1, 1, 1}, coalesced, "rung 2: one element of A for the whole warp, 32 neighbours of B and C");
    }

    /** Runs every thread of the grid; each computes its entry of C if it lies inside C, as the kernel's bounds check does. */
    private static float[] launch(Mapping mapping, int[] grid, int bdx, int bdy, float[] a, float[] b, int m, int k, int n) {
        float[] c = new float[m * n];
        java.util.Arrays.fill(c, Float.NaN);
        int[] writes = new int[m * n];
        for (int bx = 0; bx < grid[0]; bx++) {
            for (int by = 0; by < grid[1]; by++) {
                for (int ty = 0; ty < bdy; ty++) {
                    for (int tx = 0; tx < bdx; tx++) {
                        int[] rc = mapping.rowCol(bx, by, tx, ty, bdx, bdy);
                        int row = rc[0], col = rc[1];
                        if (row < m && col < n) {
                            float sum = 0f;
                            for (int p = 0; p < k; p++) {
                                sum = Math.fma(a[row * k + p], b[p * n + col], sum);
                            }
                            c[row * n + col] = sum;
                            writes[row * n + col]++;
                        }
                    }
                }
            }
        }
        for (int i = 0; i < writes.length; i++) {
            assertEquals(1, writes[i], "entry (" + i / n + ", " + i % n + ") of C written " + writes[i] + " times");
        }
        return c;
    }

    /**
     * The most distinct 128-byte segments any warp of the first block touches at one step p of
     * the dot product, for A [n, n], B [n, n] and C [n, n] of floats: {A, B, C}.
     */
    private static int[] segmentsPerWarp(Mapping mapping, int n) {
        int bdx = 32, bdy = 8, p = 5;
        int[] most = new int[3];
        for (int warp = 0; warp < bdx * bdy / WARP; warp++) {
            Set<Long> a = new HashSet<>(), b = new HashSet<>(), c = new HashSet<>();
            for (int lane = 0; lane < WARP; lane++) {
                int linear = warp * WARP + lane;   // threadIdx.x varies fastest
                int[] rc = mapping.rowCol(0, 0, linear % bdx, linear / bdx, bdx, bdy);
                a.add((long) (rc[0] * n + p) * Float.BYTES / SEGMENT);
                b.add((long) (p * n + rc[1]) * Float.BYTES / SEGMENT);
                c.add((long) (rc[0] * n + rc[1]) * Float.BYTES / SEGMENT);
            }
            most[0] = Math.max(most[0], a.size());
            most[1] = Math.max(most[1], b.size());
            most[2] = Math.max(most[2], c.size());
        }
        return most;
    }
}
