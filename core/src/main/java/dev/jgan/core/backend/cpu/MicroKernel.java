package dev.jgan.core.backend.cpu;

/**
 * The innermost step of {@link PackedMatmul}: one register tile of C, {@link #rows()} by
 * {@link #cols()}, updated with a whole depth slice of packed A and packed B.
 *
 * <p>Packed layouts: A's sliver holds {@code ap[apOff + p * rows() + r]} (the {@code rows()}
 * elements of column p next to each other), B's sliver {@code bp[bpOff + p * cols() + j]} (the
 * {@code cols()} elements of row p). So the kernel reads both with unit stride, and the tile of
 * C lives in registers for all {@code kc} steps.
 *
 * <p>Numerics contract of the default kernels: every element of C is {@code acc = acc + a * b}
 * in increasing p, a rounded float32 product added with a rounded float32 sum, never fused,
 * starting from +0 (or from the value already in C when {@code accumulate} is set). That is the
 * order of the plain loop and of the previous {@link BlockedMatmul}, so all give identical bits.
 */
interface MicroKernel {
    /** Rows of C in one tile (MR). */
    int rows();

    /** Columns of C in one tile (NR). */
    int cols();

    /**
     * Tile {@code c[cOff + r * ldc + j]}, {@code r < rows(), j < cols()}, becomes (accumulate ? c :
     * 0) + the sum over {@code p < kc} of {@code ap[apOff + p * rows() + r] * bp[bpOff + p * cols() + j]}.
     */
    void run(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * The same tile as the sum of {@code kc / segment} separate products, one per run of
     * {@code segment} steps of p: each product summed from +0 in increasing p as {@link #run}
     * does, and the products added in increasing order onto c ({@code accumulate}) or onto the
     * first of them. These are the bits of making each product on its own and adding it into C,
     * which is how a sum of per-image products was computed before (see
     * {@link BatchSummedMatmul}); here C's tile stays in L1 the whole time. {@code segment}
     * divides {@code kc}; {@code product} is a scratch tile of {@code rows() * cols()} floats.
     */
    default void runSegments(int kc, int segment, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff,
                             int ldc, boolean accumulate, float[] product) {
        for (int p0 = 0; p0 < kc; p0 += segment) {
            if (p0 == 0 && !accumulate) {
                run(segment, ap, apOff, bp, bpOff, c, cOff, ldc, false);
                continue;
            }
            run(segment, ap, apOff + p0 * rows(), bp, bpOff + p0 * cols(), product, 0, cols(), false);
            addTile(product, c, cOff, ldc);
        }
    }

    /** Tile {@code c[cOff + r * ldc + j]} += {@code product[r * cols() + j]}; kernels may vectorize it. */
    default void addTile(float[] product, float[] c, int cOff, int ldc) {
        int cols = cols();
        for (int r = 0; r < rows(); r++) {
            for (int j = 0; j < cols; j++) {
                c[cOff + r * ldc + j] += product[r * cols + j];
            }
        }
    }

    /** A short name for tables: the kind of kernel and its tile. */
    String describe();
}
