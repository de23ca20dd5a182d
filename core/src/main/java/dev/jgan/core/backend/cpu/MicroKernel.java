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

    /** A short name for tables: the kind of kernel and its tile. */
    String describe();
}
