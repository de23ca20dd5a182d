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
 * <p>Numerics contract of every kernel: each element of C is {@code acc = fma(a, b, acc)} in
 * increasing p, the product and the sum rounded once together, starting from +0 (or from the
 * value already in C when {@code accumulate} is set). That is the order of the plain loop and of
 * {@link BlockedMatmul}, which use {@code Math.fma}, so all give identical bits. An FMA is exactly
 * specified (IEEE 754's fusedMultiplyAdd, Java's {@code Math.fma}), so these bits are also the
 * same on every CPU.
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
     * {@link #run} with accumulate set, the tile read from one place and the result written to
     * another: {@code to[toOff + r * toLd + j]} becomes {@code from[fromOff + r * fromLd + j]} plus
     * the same sum, in the same FMA steps. {@link PackedMatmul} keeps the running sums of a deep
     * product in a buffer laid out tile by tile, and the last panel moves them into C this way.
     * This default copies the tile and runs on the copy (the same bits); a kernel may load its
     * registers from {@code from} directly.
     */
    default void runInto(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] from, int fromOff, int fromLd,
                         float[] to, int toOff, int toLd) {
        for (int r = 0; r < rows(); r++) {
            System.arraycopy(from, fromOff + r * fromLd, to, toOff + r * toLd, cols());
        }
        run(kc, ap, apOff, bp, bpOff, to, toOff, toLd, true);
    }

    /**
     * The tile of {@link #run} with A read in place: {@code A[r][p] = a[aOff + r * lda + p]}, the
     * first kc elements of {@code rows()} rows of a row-major matrix, with the same FMA steps in
     * the same order, so the same bits. Where every tile of A is used only a few times (a product
     * with a short B), reading it in place saves a packing pass as long as the product itself.
     */
    void runOnRows(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                   boolean accumulate);

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
        if (segment == 1) {
            runRoundedProducts(kc, ap, apOff, bp, bpOff, c, cOff, ldc, accumulate);
            return;
        }
        for (int p0 = 0; p0 < kc; p0 += segment) {
            if (p0 == 0 && !accumulate) {
                run(segment, ap, apOff, bp, bpOff, c, cOff, ldc, false);
                continue;
            }
            run(segment, ap, apOff + p0 * rows(), bp, bpOff + p0 * cols(), product, 0, cols(), false);
            addTile(product, c, cOff, ldc);
        }
    }

    /**
     * The segments of depth 1: each product {@code a * b} rounded to float32 on its own, then added
     * (and rounded) in increasing p onto +0 or onto C. A product of depth 1 is one rounded product
     * (its FMA adds +0), so this is what adding kc products of depth 1 in order gives, in one pass.
     * Java never fuses {@code acc + a * b}, so the plain loop here rounds twice per step.
     */
    default void runRoundedProducts(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                                    boolean accumulate) {
        int rows = rows();
        int cols = cols();
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                float acc = accumulate ? c[cOff + r * ldc + j] : 0f;
                for (int p = 0; p < kc; p++) {
                    acc += ap[apOff + p * rows + r] * bp[bpOff + p * cols + j];
                }
                c[cOff + r * ldc + j] = acc;
            }
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
