package dev.jgan.tutorials.fastmatmul;

/**
 * Exercise 12 (README, "Exercises"): the register tile of section 4, 4 rows by 8 columns of C.
 * Each pass over k keeps 32 partial sums of C in locals and reads, per step of k, 4 values of A
 * and 8 of B: 32 multiply-adds per 12 loads instead of the naive loop's 1 per 2.
 *
 * <p>The result must be the naive loop's, bit for bit: add each element's products in increasing
 * k with {@code Math.fma}, starting from 0f, as {@code MatmulRung.NAIVE} does.
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
        // TODO exercise 12: for each 4 x 8 tile of C, loop over p once and update all its sums.
        throw new UnsupportedOperationException("exercise 12: RegisterTile4x8.multiply is not written yet");
    }
}
