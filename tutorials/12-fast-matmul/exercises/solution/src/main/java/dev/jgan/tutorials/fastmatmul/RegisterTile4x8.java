package dev.jgan.tutorials.fastmatmul;

/**
 * Exercise 12, solved: the register tile of section 4, 4 rows by 8 columns of C. Each pass over
 * k keeps 32 partial sums of C in locals and reads, per step of k, 4 values of A and 8 of B: 32
 * multiply-adds per 12 loads instead of the naive loop's 1 per 2.
 *
 * <p>Every element's products are added in increasing k with {@code Math.fma}, starting from 0f,
 * as in the naive loop, so the result has the naive loop's bits.
 */
public final class RegisterTile4x8 {
    /** Rows of C per tile. */
    public static final int TILE_ROWS = 4;
    /** Columns of C per tile. */
    public static final int TILE_COLS = 8;

    private RegisterTile4x8() {
    }

    /**
     * {@code c[i*n + j] = sum_p a[i*k + p] * b[p*n + j]} for row-major [m, k] @ [k, n]; c is
     * overwritten. m and n need not be multiples of the tile: the last tiles are narrower.
     */
    public static void multiply(float[] a, float[] b, float[] c, int m, int k, int n) {
        // One small array, never escaping: the JIT keeps it in registers, as the C of a real kernel would.
        float[] acc = new float[TILE_ROWS * TILE_COLS];
        for (int i0 = 0; i0 < m; i0 += TILE_ROWS) {
            int rows = Math.min(TILE_ROWS, m - i0);
            for (int j0 = 0; j0 < n; j0 += TILE_COLS) {
                int cols = Math.min(TILE_COLS, n - j0);
                java.util.Arrays.fill(acc, 0f);
                for (int p = 0; p < k; p++) {
                    for (int r = 0; r < rows; r++) {
                        float aip = a[(i0 + r) * k + p];
                        for (int q = 0; q < cols; q++) {
                            acc[r * TILE_COLS + q] = Math.fma(aip, b[p * n + j0 + q], acc[r * TILE_COLS + q]);
                        }
                    }
                }
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(acc, r * TILE_COLS, c, (i0 + r) * n + j0, cols);
                }
            }
        }
    }
}
