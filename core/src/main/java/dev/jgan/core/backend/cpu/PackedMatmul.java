package dev.jgan.core.backend.cpu;

import java.util.Arrays;

/**
 * The float32 matmul fast path: C = A B with A and B read through any row and column strides
 * (so {@code A^T} and {@code B^T} cost no copy), C row-major.
 *
 * <p>The loop nest is the one of GotoBLAS and BLIS. B is cut into panels of {@link #KC} rows by
 * up to {@link #NC} columns and A into blocks of up to {@link #MC_TILES} row tiles by {@link #KC}
 * columns; each is first <em>packed</em>: copied into a contiguous buffer in the order the micro-kernel
 * reads it (slivers of {@code cols()} columns of B, of {@code rows()} rows of A, zero-padded at
 * the edges). The micro-kernel then walks a packed A sliver and a packed B sliver with unit
 * stride and keeps a whole tile of C in registers. The A block stays in L2 while the B sliver
 * in use stays in L1. Packing is also where strides and transposes are absorbed.
 *
 * <p>Threads: each B panel is packed once, its slivers split across the threads, and shared; C's
 * row tiles are then split across the common fork-join pool by {@link Parallel}, each chunk packing its own
 * rows of A against the shared panel (as BLIS does in its second loop around the micro-kernel).
 * When C has more column tiles than row tiles (a batch of 64 times a wide layer), the roles swap:
 * A's panel is shared and the chunks split the columns and pack their own slivers of B. Either
 * way no operand is packed twice. The split never cuts the depth k, so every element of C is
 * still summed by one thread in increasing k: the result does not depend on the number of
 * threads, and with the default kernel it is bit-identical to the plain loop (see
 * {@link MicroKernel}). A product deeper than one panel keeps its running sums in a buffer laid
 * out tile by tile until the last panel ({@link #blockOnSums}). Packing buffers are reused between
 * calls ({@link PackingScratch}); in the buffers that vector loads read (B's panels, the running
 * sums, x W^T's packed x^T and result rows) and in A's blocks the data starts on a 64-byte cache
 * line ({@link CacheLines}), so that no vector load straddles two lines.
 */
final class PackedMatmul {
    /** Depth of a packed panel: a B sliver of KC x 32 floats is 32 KiB at most, an A sliver 6 KiB. */
    static final int KC = 256;
    /**
     * Most row tiles of A in one packed block: 16 tiles of 8 rows by KC = 128 KiB (of 6 rows, 96 KiB),
     * in L2. A run of row tiles is cut into blocks of equal size (give or take a tile) rather than into
     * full blocks and a remainder: threaded, a chunk of 16 tiles of 8 rows made one block of 96 rows and
     * one of 32, and B's panel streamed through L1 for those 32 rows as for 96. Measured in one JVM
     * holding both versions (2-core Xeon, threaded, best of 10 calls, 21 alternating rounds): sgemm 1024
     * 7.22 -> 6.81 ms, 512 0.976 -> 0.939 ms, 4096 x 2048 x 256 15.0 -> 14.5 ms, faster in 16, 21 and
     * 20 of the rounds; blocks of at most 12 or 24 tiles, equal in size, timed the same as 16. OpenBLAS
     * (torch.mm, the same hour): sgemm 1024 5.3-6.0 ms on both cores.
     */
    static final int MC_TILES = 16;
    /**
     * The largest buffer of running sums (see {@link #blockOnSums}): 2^22 floats (and a cache line to
     * spare, see {@link CacheLines}), 16 MiB, C's tiles
     * for a jc block of 4096 rows by 1024 columns. It is as large as that block of C and
     * {@link PackingScratch} keeps it for the next call, so a taller product sums into C as before.
     */
    static final int SUMS_MAX_FLOATS = 1 << 22;
    /** Columns of B per packed panel: 256 x 1024 floats = 1 MiB. */
    static final int NC = 1024;
    /** Most rows of A for {@link #multiplyTransposed}: beyond, packing W^T is shared by enough rows to pay. */
    static final int TRANSPOSED_MAX_ROWS = 128;

    /**
     * Multiply-adds that count as one unit of {@link Parallel}'s cost: its threshold is sized for
     * loops that do one float operation per element, while the vector kernel does twelve vector
     * multiply-adds, 96 to 192 scalar ones, per step. Without this, a 64 x 64 x 64 product was cut into chunks of a
     * few rows, and chapter 12 measured the threaded run at 1/35 of the one-thread speed (wall
     * clock, load average 60 on 2 cores). A product splits into chunks of at least 2^19 multiply-adds
     * whatever {@link Parallel#THRESHOLD} the elementwise ops get: 16 against chunks of 2^15 at
     * first; when the elementwise chunks went down to 2^13, x W^T 64x100x128 split in two at 16
     * and took 28-29 us instead of 19-21 (CompareMain, 2-core Xeon).
     */
    private static final int MULTIPLY_ADDS_PER_UNIT = (int) ((1L << 19) / Parallel.THRESHOLD);

    private final MicroKernel kernel;
    private final boolean threads;

    PackedMatmul(MicroKernel kernel, boolean threads) {
        this.kernel = kernel;
        this.threads = threads;
    }

    /** The default: the best kernel in the reference order, threaded. */
    static final PackedMatmul DEFAULT = new PackedMatmul(MicroKernels.best(), true);

    /** The micro-kernel's name and tile, and whether the work is threaded: for tables. */
    String describe() {
        return kernel.describe() + (threads ? ", threaded" : ", 1 thread");
    }

    /**
     * {@code c[cOff + i*n + j] = sum_p A[i][p] * B[p][j]} with {@code A[i][p] = a[aOff + i*aRs + p*aCs]}
     * and {@code B[p][j] = b[bOff + p*bRs + j*bCs]}; c is overwritten.
     */
    void multiply(float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs, int bCs,
                  float[] c, int cOff, int m, int k, int n) {
        multiplySegments(new Operand(a, aOff, 0, aRs, aCs), new Operand(b, bOff, 0, bRs, bCs), c, cOff, m, k, n, 1);
    }

    /**
     * A matrix in a float array: element [i][p] of segment s is at
     * {@code offset + s*segmentStride + i*rowStride + p*colStride}.
     */
    record Operand(float[] data, int offset, int segmentStride, int rowStride, int colStride) {
    }

    /**
     * {@code C = A_0 B_0 + A_1 B_1 + ... }, one product per segment ([m, k] times [k, n] each),
     * into c (row-major at cOff, overwritten). Each product is summed as {@link #multiply} sums
     * it and the products are added in increasing s onto the first, so the bits are those of
     * calling multiply once per segment and adding each product into C; but it runs as one
     * product of depth segments * k, with no [m, n] matrix written per segment. Panels then hold
     * whole segments (the micro-kernel's {@link MicroKernel#runSegments}), so several segments
     * need {@code k <= KC}.
     */
    void multiplySegments(Operand a, Operand b, float[] c, int cOff, int m, int k, int n, int segments) {
        if (segments > 1 && k > KC) {
            throw new IllegalArgumentException("matmul: segments of depth " + k + " do not fit a panel of " + KC);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || segments == 0) {
            for (int i = 0; i < m; i++) {
                Arrays.fill(c, cOff + i * n, cOff + i * n + n, 0f);
            }
            return;
        }
        if (multipliesTransposed(b, m, k, n, segments)) {
            multiplyTransposed(a, b, c, cOff, m, k, n, segments);
            return;
        }
        int depth = segments * k;
        // One segment is a plain product; segments of depth 1 take the kernel's rounded-products loop.
        int segment = segments == 1 ? 0 : k;
        int panelDepth = segment == 0 ? KC : k * (KC / k);
        int mr = kernel.rows();
        int nr = kernel.cols();
        int rowTiles = (m + mr - 1) / mr;
        int colTiles = (n + nr - 1) / nr;
        if (!threads || rowTiles >= colTiles) {
            // PackingScratch's buffers have a cache line to spare; the data starts on a line (see CacheLines).
            float[] bp = PackingScratch.borrow(roundUp(Math.min(NC, n), nr) * Math.min(panelDepth, depth));
            int bpBase = CacheLines.firstAligned(bp);
            // A product deeper than one panel sums C's tiles in a buffer laid out tile by tile (see blockOnSums).
            long sumsLength = (long) roundUp(m, mr) * roundUp(Math.min(NC, n), nr);
            float[] sums = segment == 0 && depth > panelDepth && sumsLength <= SUMS_MAX_FLOATS
                    ? PackingScratch.borrow((int) sumsLength) : null;
            int sumsBase = sums == null ? 0 : CacheLines.firstAligned(sums);
            for (int jc = 0; jc < n; jc += NC) {
                int nc = Math.min(NC, n - jc);
                for (int pc = 0; pc < depth; pc += panelDepth) {
                    int kc = Math.min(panelDepth, depth - pc);
                    int p0 = pc;
                    int j0 = jc;
                    boolean lastPanel = pc + kc == depth;
                    packSharedB(b, k, p0, jc, kc, nc, nr, bp, bpBase);
                    // The cost of a full panel for every panel: the chunks, and so the blocks of A, must be the
                    // same in every panel, since each block's running sums lie where its chunk put them.
                    split(rowTiles, (long) mr * Math.min(panelDepth, depth) * nc, (start, end) -> {
                        int blocks = blocks(end - start);
                        float[] ap = PackingScratch.borrow((end - start + blocks - 1) / blocks * mr * kc);
                        int apBase = CacheLines.firstAligned(ap);
                        for (int q = 0; q < blocks; q++) {
                            int ic = blockRow(start, end, blocks, q, mr);
                            int mc = Math.min(blockRow(start, end, blocks, q + 1, mr), m) - ic;
                            packA(a, k, p0, ic, mc, kc, mr, ap, apBase);
                            if (sums == null) {
                                block(ap, apBase, bp, bpBase, c, cOff + ic * n + j0, n, mc, kc, nc, p0 > 0, segment);
                            } else {
                                blockOnSums(ap, apBase, bp, bpBase, sums, sumsBase + ic * roundUp(nc, nr), c,
                                        cOff + ic * n + j0, n, mc, kc, nc, p0 > 0, lastPanel);
                            }
                        }
                        PackingScratch.giveBack(ap);
                    });
                }
            }
            PackingScratch.giveBack(bp);
            if (sums != null) {
                PackingScratch.giveBack(sums);
            }
        } else {
            float[] ap = PackingScratch.borrow(rowTiles * mr * Math.min(panelDepth, depth));
            int apBase = CacheLines.firstAligned(ap);
            for (int pc = 0; pc < depth; pc += panelDepth) {
                int kc = Math.min(panelDepth, depth - pc);
                int p0 = pc;
                packA(a, k, p0, 0, m, kc, mr, ap, apBase);
                split(colTiles, (long) nr * kc * m, (start, end) -> {
                    int last = Math.min(end * nr, n);
                    float[] bp = PackingScratch.borrow(roundUp(Math.min(NC, last - start * nr), nr) * kc);
                    int bpBase = CacheLines.firstAligned(bp);
                    for (int jc = start * nr; jc < last; jc += NC) {
                        int nc = Math.min(NC, last - jc);
                        packB(b, k, p0, jc, kc, nc, nr, bp, bpBase);
                        // A's slivers are packed back to back, so the block of rows ic.. starts at apBase + ic * kc.
                        int blocks = blocks(rowTiles);
                        for (int q = 0; q < blocks; q++) {
                            int ic = blockRow(0, rowTiles, blocks, q, mr);
                            int mc = Math.min(blockRow(0, rowTiles, blocks, q + 1, mr), m) - ic;
                            block(ap, apBase + ic * kc, bp, bpBase, c, cOff + ic * n + jc, n, mc, kc, nc, p0 > 0,
                                    segment);
                        }
                    }
                    PackingScratch.giveBack(bp);
                });
            }
            PackingScratch.giveBack(ap);
        }
    }

    /**
     * Whether {@link #multiplyTransposed} is the cheaper way: B is a row-major matrix read
     * transposed (W as W^T: {@code B[p][j] = b[bOff + p + j * bCs]}), A has at most half as many
     * rows as the depth of all segments together and at most {@link #TRANSPOSED_MAX_ROWS}. It
     * trades packing W^T (k x n elements a segment) for transposing the m x n result once; the
     * packing costs most where few rows of A share it. Measured (2-core Xeon, scratch timing loops
     * and CompareMain, both paths in one session): x W^T 64x100x128 17.6 -> 19.2 us (k < 2m: not
     * taken), 64x128x256 79 -> 55 us; a weight gradient summed over 64 images with 32 rows of A
     * 1132 -> 493 us, 64 rows 735 -> 565 us, 128 rows 6.6 -> 6.1 ms, 256 rows 7.4 -> 7.9 ms. At
     * least a tile of rows and columns; segments of depth 1 stay with the kernel's rounded products.
     */
    boolean multipliesTransposed(Operand b, int m, int k, int n, int segments) {
        return b.rowStride() == 1 && b.colStride() != 1 && m >= kernel.cols() && m <= TRANSPOSED_MAX_ROWS
                && 2L * m <= (long) segments * k && n >= kernel.rows() && (segments == 1 || k > 1);
    }

    /**
     * {@code C = A B} (summed over the segments) for B = W^T, made as {@code C^T = W A^T}: W's
     * rows are the rows of the product's left operand and are read where they lie
     * ({@link MicroKernel#runOnRows}), A^T is packed as the right operand, and the result is
     * transposed into C. Packing W^T for the usual order reads W across its rows, one element
     * per cache line, and for a Linear layer's forward pass (64 rows of x) that took as long as
     * the multiply-adds: x W^T 64x512x1024 487 us against 411 us with B already row-major (a
     * scratch timing loop, 2-core Xeon, idle); W read in place, 289 us in the same loop. A
     * convolution's weight gradient is the same shape of product, summed over the images.
     *
     * <p>Each element of C is the same FMA chain, {@code fma(W[j][p], A[i][p], acc)} in increasing
     * p, stored and reloaded at the same panel edges, and each segment's product is added onto the
     * first as {@link MicroKernel#runSegments} adds it; an FMA's product does not depend on the
     * order of its factors, so the bits are those of the usual order. Threads split the rows of W
     * (the columns of C); a thread runs every panel of its rows and then transposes them into C,
     * so the product needs one fork and join after the shared packing of A^T (another), and rows
     * of W that do not fill a tile are packed (with zero rows) instead.
     */
    private void multiplyTransposed(Operand a, Operand b, float[] c, int cOff, int m, int k, int n, int segments) {
        int mr = kernel.rows();
        int nr = kernel.cols();
        int depth = segments * k;
        // Panels: KC deep for one product; one segment each for several (k <= KC, see multiplySegments).
        int panel = segments == 1 ? KC : k;
        // D = W A^T, n x m, with rows padded to whole tiles of columns: padded columns multiply A^T's zero columns.
        int ldd = roundUp(m, nr);
        Operand aTransposed = new Operand(a.data(), a.offset(), a.segmentStride(), a.colStride(), a.rowStride());
        float[] packedA = PackingScratch.borrow(ldd * depth);
        int packedBase = CacheLines.firstAligned(packedA);
        packSharedPanels(aTransposed, k, depth, panel, m, nr, packedA, packedBase);
        float[] d = PackingScratch.borrow(roundUp(n, mr) * ldd);
        int dBase = CacheLines.firstAligned(d);
        float[] w = b.data();
        int lda = b.colStride();
        split((n + mr - 1) / mr, (long) mr * depth * ldd, (start, end) -> {
            float[] edge = null;
            float[] product = segments == 1 ? null : new float[mr * nr];
            for (int tile = start; tile < end; tile++) {
                int i0 = tile * mr;
                int rows = Math.min(mr, n - i0);
                if (rows < mr && edge == null) {
                    edge = PackingScratch.borrow(mr * Math.min(panel, depth));
                }
                for (int p0 = 0; p0 < depth; p0 += panel) {
                    int kc = Math.min(panel, depth - p0);
                    int wAt = b.offset() + (p0 / k) * b.segmentStride() + i0 * lda + p0 % k;
                    if (rows < mr) {
                        packRows(w, wAt, lda, rows, kc, mr, edge);
                    }
                    for (int j0 = 0; j0 < ldd; j0 += nr) {
                        int bpAt = packedBase + p0 * ldd + j0 * kc;
                        int dAt = dBase + i0 * ldd + j0;
                        // One product accumulates in D across its panels; a segment after the first is made on
                        // its own and added in.
                        boolean alone = segments > 1 && p0 > 0;
                        float[] into = alone ? product : d;
                        int at = alone ? 0 : dAt;
                        int ld = alone ? nr : ldd;
                        if (rows == mr) {
                            kernel.runOnRows(kc, w, wAt, lda, packedA, bpAt, into, at, ld, !alone && p0 > 0);
                        } else {
                            kernel.run(kc, edge, 0, packedA, bpAt, into, at, ld, !alone && p0 > 0);
                        }
                        if (alone) {
                            kernel.addTile(product, d, dAt, ldd);
                        }
                    }
                }
                transposeRows(d, dBase + i0 * ldd, ldd, rows, m, c, cOff + i0, n);
            }
            if (edge != null) {
                PackingScratch.giveBack(edge);
            }
        });
        PackingScratch.giveBack(d);
        PackingScratch.giveBack(packedA);
    }

    /**
     * Packs all of {@code depth} of B's {@code n} columns, panel after panel ({@code panel} deep, panel
     * p0 at {@code bpBase + p0 * roundUp(n, nr)}), for every thread to share: each (panel, sliver) pair is
     * one item for the threads. Packed by the calling thread alone, A^T's panels for x W^T took
     * 4 % of the main thread's samples of an MLP-GAN step with the other core waiting (JFR).
     */
    private void packSharedPanels(Operand b, int k, int depth, int panel, int n, int nr, float[] bp, int bpBase) {
        int slivers = (n + nr - 1) / nr;
        int panels = (depth + panel - 1) / panel;
        Parallel.Body part = (start, end) -> {
            for (int item = start; item < end; item++) {
                int p0 = item / slivers * panel;
                int j0 = item % slivers * nr;
                int kc = Math.min(panel, depth - p0);
                packB(b, k, p0, j0, kc, Math.min(nr, n - j0), nr, bp, bpBase + p0 * slivers * nr + j0 * kc);
            }
        };
        if (threads) {
            Parallel.forRange(panels * slivers, (long) nr * panel, part);
        } else {
            part.run(0, panels * slivers);
        }
    }

    /** Packs {@code rows < mr} rows of kc elements (row stride lda) as an A sliver, the missing rows zero. */
    private static void packRows(float[] a, int at, int lda, int rows, int kc, int mr, float[] ap) {
        for (int p = 0; p < kc; p++) {
            for (int r = 0; r < rows; r++) {
                ap[p * mr + r] = a[at + r * lda + p];
            }
            Arrays.fill(ap, p * mr + rows, p * mr + mr, 0f);
        }
    }

    /**
     * {@code to[toOff + j * ldt + r] = from[fromOff + r * ldf + j]} for r < rows, j < cols: eight rows at
     * a time, and the rows left (all six of AVX2's tile) a column at a time, so that each of C's rows
     * gets their floats side by side in one visit. Copied row by row instead, they walked all cols rows
     * of C (ldt floats apart) once per row: x W^T 64x512x1024 took 651-667 us with AVX2's tile instead of
     * 392-402 (AMD EPYC of family 26 with -XX:UseAVX=2, both cores, CompareMain, two alternating rounds;
     * PyTorch on OpenBLAS's AVX2 kernels there, within the hour: 420-427 us).
     */
    private static void transposeRows(float[] from, int fromOff, int ldf, int rows, int cols, float[] to, int toOff,
                                      int ldt) {
        int r = 0;
        for (; r + 8 <= rows; r += 8) {
            interleaveEight(from, fromOff + r * ldf, ldf, 1, cols, to, toOff + r, ldt);
        }
        if (r < rows) {
            for (int j = 0; j < cols; j++) {
                for (int q = r; q < rows; q++) {
                    to[toOff + j * ldt + q] = from[fromOff + q * ldf + j];
                }
            }
        }
    }

    /** Runs {@code body} over {@code [0, tiles)}: across the cores when threaded, else in one call. */
    private void split(int tiles, long multiplyAddsPerTile, Parallel.Body body) {
        if (threads) {
            Parallel.forRange(tiles, multiplyAddsPerTile / MULTIPLY_ADDS_PER_UNIT, body);
        } else {
            body.run(0, tiles);
        }
    }

    /**
     * One packed A block (mc x kc, starting at {@code apOff} of its buffer) times one packed B
     * panel (kc x nc, from {@code bpOff}) into C at {@code cOff}, row stride {@code ldc}: one product, or, when
     * {@code segment} is not 0, the sum of products of {@code segment} steps each.
     */
    private void block(float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc, int mc, int kc,
                       int nc, boolean accumulate, int segment) {
        int mr = kernel.rows();
        int nr = kernel.cols();
        float[] edge = null;
        float[] product = segment == 0 ? null : new float[mr * nr];
        for (int jr = 0; jr < nc; jr += nr) {
            for (int ir = 0; ir < mc; ir += mr) {
                int cAt = cOff + ir * ldc + jr;
                int rows = Math.min(mr, mc - ir);
                int cols = Math.min(nr, nc - jr);
                if (rows == mr && cols == nr) {
                    tile(ap, apOff + ir * kc, bp, bpOff + jr * kc, c, cAt, ldc, kc, accumulate, segment, product);
                } else {
                    // A partial tile runs on a scratch tile and copies back only its valid part.
                    if (edge == null) {
                        edge = new float[mr * nr];
                    }
                    copyTile(c, cAt, ldc, edge, 0, nr, rows, cols);
                    tile(ap, apOff + ir * kc, bp, bpOff + jr * kc, edge, 0, nr, kc, accumulate, segment, product);
                    copyTile(edge, 0, nr, c, cAt, ldc, rows, cols);
                }
            }
        }
    }

    /**
     * {@link #block} for a product of several panels, with C's tiles summed in {@code sums} until
     * the last panel: the block's tiles lie there one after another from {@code sumsOff}, in the
     * order the loops visit them (down each sliver of B, then the next sliver). The first panel
     * writes them, the others add to them, and the last panel's tiles load their sums from there
     * and store the result into C ({@link MicroKernel#runInto}).
     *
     * <p>Why: a tile that starts from C's values waits for them, and between two panels the
     * thread has run through all its rows of C, so those lines come back from L3, a row of the
     * tile at a time, each a page away from the next, which no prefetcher follows. Tiles laid out
     * in the order they are visited are one stream, which the hardware fetches ahead. Measured on
     * one packed block (96 x 256 of A, 256 x 1024 of B, one thread, 2-core Xeon): the tiles ran
     * at 134-141 GFLOP/s accumulating onto row-major C out of L3 against 168-186 with C in L2,
     * and 170-200 on tile-ordered sums out of L3. The bits are unchanged: each sum is stored and
     * reloaded as a float at the same panel edges as before.
     *
     * <p>The whole product, with and without the buffer, in one JVM holding both (best of 10 calls,
     * alternating rounds, 2-core Xeon): threaded, sgemm 1024 7.36 -> 6.99 ms, 512 0.948 -> 0.911 ms,
     * 4096 x 2048 x 256 15.8 -> 14.9 ms (faster in 17, 16 and 21 of 21 rounds); on one core beside an
     * OpenBLAS sgemm looping on the other, 1024 14.08 -> 13.73 ms (15 of 15). On one core of an
     * otherwise idle machine the buffer costs instead: 12.36 -> 12.89 ms (OpenBLAS, the same hour:
     * 10.6-10.7 ms on one core, idle beside it or not; 5.3-6.0 ms on both), when C's rows come back
     * from L3 quickly enough and the buffer is 4 MiB more to stream. The default is threaded, and a
     * shared machine is seldom idle, so every deep product takes it, the one-thread configurations
     * (chapter 12's one-thread rungs) included, up to {@link #SUMS_MAX_FLOATS}.
     */
    private void blockOnSums(float[] ap, int apOff, float[] bp, int bpOff, float[] sums, int sumsOff, float[] c,
                             int cOff, int ldc, int mc, int kc, int nc, boolean accumulate, boolean lastPanel) {
        int mr = kernel.rows();
        int nr = kernel.cols();
        int at = sumsOff;
        for (int jr = 0; jr < nc; jr += nr) {
            for (int ir = 0; ir < mc; ir += mr, at += mr * nr) {
                int rows = Math.min(mr, mc - ir);
                int cols = Math.min(nr, nc - jr);
                int cAt = cOff + ir * ldc + jr;
                if (lastPanel && rows == mr && cols == nr) {
                    kernel.runInto(kc, ap, apOff + ir * kc, bp, bpOff + jr * kc, sums, at, nr, c, cAt, ldc);
                } else {
                    // The padded rows and columns of an edge tile are summed too (from A's and B's zero padding).
                    kernel.run(kc, ap, apOff + ir * kc, bp, bpOff + jr * kc, sums, at, nr, accumulate);
                    if (lastPanel) {
                        copyTile(sums, at, nr, c, cAt, ldc, rows, cols);
                    }
                }
            }
        }
    }

    private void tile(float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc, int kc,
                      boolean accumulate, int segment, float[] product) {
        if (segment == 0) {
            kernel.run(kc, ap, apOff, bp, bpOff, c, cOff, ldc, accumulate);
        } else {
            kernel.runSegments(kc, segment, ap, apOff, bp, bpOff, c, cOff, ldc, accumulate, product);
        }
    }

    /**
     * Packs B's panel for every thread to share: the slivers are split across the threads like
     * the tiles, since a panel packed by the calling thread alone left the other cores waiting
     * (before the faster packing, B's panels took 1.9 ms per one-thread sgemm 1024 of 16-17 ms,
     * loaded machine, and the other core had nothing to do meanwhile).
     */
    private void packSharedB(Operand b, int k, int p0, int j0, int kc, int nc, int nr, float[] bp, int bpBase) {
        int slivers = (nc + nr - 1) / nr;
        Parallel.Body part = (start, end) -> packB(b, k, p0, j0 + start * nr, kc, Math.min(end * nr, nc) - start * nr,
                nr, bp, bpBase + start * nr * kc);
        if (threads) {
            Parallel.forRange(slivers, (long) nr * kc, part);
        } else {
            part.run(0, slivers);
        }
    }

    /**
     * Packs depth [p0, p0 + kc) of B (segments of depth k laid end to end), columns [j0, j0 + nc),
     * into slivers of nr columns from {@code bpOff}, one run of depth within one segment at a time.
     */
    private static void packB(Operand b, int k, int p0, int j0, int kc, int nc, int nr, float[] bp, int bpOff) {
        forEachRun(k, p0, kc, (segment, within, run, at) -> packB(b.data(), b.offset() + segment * b.segmentStride()
                + within * b.rowStride() + j0 * b.colStride(), b.rowStride(), b.colStride(), run, nc, nr, bp, bpOff, kc,
                at));
    }

    /**
     * Packs depth [p0, p0 + kc) of A's rows [i0, i0 + mc) into slivers of mr rows from {@code apBase}, as
     * {@link #packB}.
     */
    private static void packA(Operand a, int k, int p0, int i0, int mc, int kc, int mr, float[] ap, int apBase) {
        forEachRun(k, p0, kc, (segment, within, run, at) -> packA(a.data(), a.offset() + segment * a.segmentStride()
                + i0 * a.rowStride() + within * a.colStride(), a.rowStride(), a.colStride(), mc, run, mr, ap, apBase, kc,
                at));
    }

    /** A run of depth inside one segment: {@code run} steps from {@code within}, packed at depth {@code at}. */
    @FunctionalInterface
    private interface Run {
        void pack(int segment, int within, int run, int at);
    }

    /** Cuts depth [p0, p0 + kc) into runs that do not cross a segment boundary (segments of depth k). */
    private static void forEachRun(int k, int p0, int kc, Run body) {
        for (int p = p0; p < p0 + kc; ) {
            int within = p % k;
            int run = Math.min(k - within, p0 + kc - p);
            body.pack(p / k, within, run, p - p0);
            p += run;
        }
    }

    /**
     * Packs B[p][j], p < kc, j < nc, into slivers of nr columns of depth {@code depth}, at depth
     * {@code at}: bp[bpOff + (j / nr) * nr * depth + (at + p) * nr + j % nr].
     * The loops follow B's unit stride: along rows when B is row-major, down columns when it is a
     * transposed view (a weight W read as W^T), so the reads stream through memory either way.
     */
    private static void packB(float[] b, int bOff, int bRs, int bCs, int kc, int nc, int nr, float[] bp, int bpOff,
                              int depth, int at) {
        for (int j0 = 0; j0 < nc; j0 += nr) {
            int cols = Math.min(nr, nc - j0);
            int sliver = bpOff + j0 * depth + at * nr;
            if (cols < nr) {
                for (int p = 0; p < kc; p++) {
                    Arrays.fill(bp, sliver + p * nr + cols, sliver + p * nr + nr, 0f);
                }
            }
        }
        if (bCs == 1) {
            for (int p = 0; p < kc; p++) {
                int row = bOff + p * bRs;
                for (int j0 = 0; j0 < nc; j0 += nr) {
                    System.arraycopy(b, row + j0, bp, bpOff + j0 * depth + (at + p) * nr, Math.min(nr, nc - j0));
                }
            }
            return;
        }
        // A transposed view (W read as W^T): each column is a run of B's storage, eight columns at a time.
        for (int j0 = 0; j0 < nc; j0 += nr) {
            int cols = Math.min(nr, nc - j0);
            int sliver = bpOff + j0 * depth + at * nr;
            int j = 0;
            for (; j + 8 <= cols; j += 8) {
                interleaveEight(b, bOff + (j0 + j) * bCs, bCs, bRs, kc, bp, sliver + j, nr);
            }
            for (; j < cols; j++) {
                int src = bOff + (j0 + j) * bCs;
                for (int p = 0; p < kc; p++) {
                    bp[sliver + p * nr + j] = b[src + p * bRs];
                }
            }
        }
    }

    /**
     * Packs A[i][p], i < mc, p < kc, into slivers of mr rows of depth {@code depth}, at depth
     * {@code at}: ap[apBase + (i / mr) * mr * depth + (at + p) * mr + i % mr].
     * Like {@link #packB}, the loops follow A's unit stride (along rows, or down the columns of a
     * transposed view such as x^T in a weight gradient).
     */
    private static void packA(float[] a, int aOff, int aRs, int aCs, int mc, int kc, int mr, float[] ap, int apBase,
                              int depth, int at) {
        for (int i0 = 0; i0 < mc; i0 += mr) {
            int rows = Math.min(mr, mc - i0);
            int sliver = apBase + i0 * depth + at * mr;
            if (aRs == 1 && aCs != 1) {
                for (int p = 0; p < kc; p++) {
                    int src = aOff + i0 + p * aCs;
                    int dst = sliver + p * mr;
                    System.arraycopy(a, src, ap, dst, rows);
                    Arrays.fill(ap, dst + rows, dst + mr, 0f);
                }
                continue;
            }
            int src = aOff + i0 * aRs;
            if (rows == 8 && mr == 8) {
                interleaveEight(a, src, aRs, aCs, kc, ap, sliver, 8);
                continue;
            }
            for (int p = 0; p < kc; p++) {
                int dst = sliver + p * mr;
                int from = src + p * aCs;
                for (int r = 0; r < rows; r++) {
                    ap[dst + r] = a[from + r * aRs];
                }
                for (int r = rows; r < mr; r++) {
                    ap[dst + r] = 0f;
                }
            }
        }
    }

    /**
     * Interleaves eight strided streams: {@code to[at + p * toStep + r] = from[start + r * streamStride
     * + p * step]} for r < 8, p < steps. Packing A's rows and a transposed B's columns are both
     * this: eight reads that each move along their own stream, eight writes side by side. One
     * stream at a time wrote each element to another cache line (a transposed B's pack was 17 %
     * of an MLP-GAN step, JFR); eight at a time fill a line's worth per step.
     */
    private static void interleaveEight(float[] from, int start, int streamStride, int step, int steps, float[] to,
                                        int at, int toStep) {
        int s0 = start, s1 = s0 + streamStride, s2 = s1 + streamStride, s3 = s2 + streamStride;
        int s4 = s3 + streamStride, s5 = s4 + streamStride, s6 = s5 + streamStride, s7 = s6 + streamStride;
        for (int p = 0; p < steps; p++) {
            int d = at + p * toStep;
            int o = p * step;
            to[d] = from[s0 + o];
            to[d + 1] = from[s1 + o];
            to[d + 2] = from[s2 + o];
            to[d + 3] = from[s3 + o];
            to[d + 4] = from[s4 + o];
            to[d + 5] = from[s5 + o];
            to[d + 6] = from[s6 + o];
            to[d + 7] = from[s7 + o];
        }
    }

    private static void copyTile(float[] from, int fromOff, int fromStride, float[] to, int toOff, int toStride,
                                 int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(from, fromOff + r * fromStride, to, toOff + r * toStride, cols);
        }
    }

    /** How many blocks of equal size (at most {@link #MC_TILES} tiles each) a run of {@code tiles} row tiles makes. */
    private static int blocks(int tiles) {
        return (tiles + MC_TILES - 1) / MC_TILES;
    }

    /** The first row of block {@code q} of {@code blocks} over row tiles [start, end); {@code q = blocks}: the end. */
    private static int blockRow(int start, int end, int blocks, int q, int mr) {
        return (start + Parallel.bound(end - start, blocks, q)) * mr;
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
