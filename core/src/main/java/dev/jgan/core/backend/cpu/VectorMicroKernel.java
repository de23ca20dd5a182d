package dev.jgan.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A register tile of MR rows by 2 vectors on {@code jdk.incubator.vector}: 8 rows of 2 x 16
 * floats with AVX-512, 6 rows of 2 x 8 with AVX2. Each step of p loads two vectors of B and
 * broadcasts MR elements of A into 2 MR accumulators. With AVX2's 16 vector registers, 12
 * accumulators, two B vectors and one broadcast fill 15; AVX-512 has 32, and 16 accumulators
 * load each B vector for 8 FMAs instead of 6. Twelve or sixteen independent FMA chains hide the
 * 4 cycles of latency of each.
 *
 * <p>Only {@link MicroKernels} names this class, and only once it has found the module in the
 * boot layer: the JVM loads a class when code first runs that uses it, so a JVM started without
 * {@code --add-modules jdk.incubator.vector} never touches it.
 *
 * <p>Each step is {@code acc = fma(a, b, acc)}: one rounding, where a multiply then an add would
 * round twice. That is the engine's definition of a multiply-add ({@link MicroKernel}), so the
 * plain loops ({@code Math.fma}) return these bits, and on Intel cores, where multiplies and adds
 * share the FMA ports, it doubles the peak against a separate multiply and add.
 */
final class VectorMicroKernel implements MicroKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Rows of the tile: 8 with AVX-512 (32 registers of 16 floats), else 6 (AVX2: 16 registers). */
    private static final int MR = LANES >= 16 ? 8 : 6;

    static final VectorMicroKernel INSTANCE = new VectorMicroKernel();

    private VectorMicroKernel() {
    }

    static int lanes() {
        return LANES;
    }

    @Override
    public int rows() {
        return MR;
    }

    @Override
    public int cols() {
        return 2 * LANES;
    }

    @Override
    public String describe() {
        return "vector FMA " + MR + "x" + 2 * LANES + " (" + SPECIES.vectorBitSize() + "-bit)";
    }

    /** Two vector adds per row of the tile, after each segment's product (see {@link #runSegments}). */
    @Override
    public void addTile(float[] product, float[] c, int cOff, int ldc) {
        for (int r = 0; r < MR; r++) {
            int at = cOff + r * ldc;
            int from = r * 2 * LANES;
            FloatVector.fromArray(SPECIES, c, at).add(FloatVector.fromArray(SPECIES, product, from)).intoArray(c, at);
            FloatVector.fromArray(SPECIES, c, at + LANES).add(FloatVector.fromArray(SPECIES, product, from + LANES))
                    .intoArray(c, at + LANES);
        }
    }

    /** Sums of depth-1 products, two roundings per step: in a class of their own, see {@link VectorRoundedProducts}. */
    @Override
    public void runRoundedProducts(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                                   boolean accumulate) {
        VectorRoundedProducts.run(MR, kc, ap, apOff, bp, bpOff, c, cOff, ldc, accumulate);
    }

    /** Rows of A read in place: in a class of its own, see {@link VectorRowsInPlace}. */
    @Override
    public void runOnRows(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                          boolean accumulate) {
        VectorRowsInPlace.run(MR, kc, a, aOff, lda, bp, bpOff, c, cOff, ldc, accumulate);
    }

    private static FloatVector start(float[] c, int off, boolean accumulate) {
        return accumulate ? FloatVector.fromArray(SPECIES, c, off) : FloatVector.zero(SPECIES);
    }

    /**
     * The register tile, one FMA per step. Two tile heights, because the register files differ:
     * AVX2 has 16 vector registers, AVX-512 32. Measured on a Xeon with AVX-512 (sgemm 1024, best
     * of 15): 8 rows 132-140 GFLOP/s on one core, 6 rows 109. Taller tiles (10, 12, 14 rows) made
     * C2 give up on the method: 3 to 5 GFLOP/s. Sums of depth-1 products (rounded products, see
     * {@link MicroKernel#runRoundedProducts}) run in {@link VectorRoundedProducts}: a second vector
     * loop in this class, or a flag to pick the arithmetic inside one, made C2 compile the tile
     * with both and stop inlining the Vector API's calls (a DCGAN step ran 18 times slower).
     *
     * <p>The loop steps A's index instead of counting p: written as {@code ai = apOff + 8 * p},
     * C2 recomputed both indices each step and kept kc on the stack (about 13 scalar instructions
     * beside the 16 FMAs, some of them on the ports the FMAs use). Stepping the index left 10,
     * and the tile ran faster in one JVM holding both versions (2-core Xeon, one thread, best of
     * 10 calls, 11 alternating rounds): sgemm 1024 12.70 -> 12.04 ms and 512 1.685 -> 1.626 ms
     * with 8 rows; the 6-row tile (AVX2, run with -XX:UseAVX=2 on the same Xeon) 24.0 -> 21.1 ms
     * and 2.87 -> 2.67 ms. OpenBLAS on one core of that Xeon the same hour (torch.mm,
     * OPENBLAS_NUM_THREADS=1): sgemm 1024 11.0-12.1 ms.
     */
    @Override
    public void run(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc, boolean accumulate) {
        if (MR == 8) {
            tileOf8Rows(kc, ap, apOff, bp, bpOff, c, cOff, ldc, accumulate, c, cOff, ldc);
        } else {
            tileOf6Rows(kc, ap, apOff, bp, bpOff, c, cOff, ldc, accumulate, c, cOff, ldc);
        }
    }

    /** The same tile loop with the starting tile read from one array and the result stored to another. */
    @Override
    public void runInto(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] from, int fromOff, int fromLd,
                        float[] to, int toOff, int toLd) {
        if (MR == 8) {
            tileOf8Rows(kc, ap, apOff, bp, bpOff, from, fromOff, fromLd, true, to, toOff, toLd);
        } else {
            tileOf6Rows(kc, ap, apOff, bp, bpOff, from, fromOff, fromLd, true, to, toOff, toLd);
        }
    }

    /** 6 rows: 12 accumulators, 2 B vectors and a broadcast fill 15 of AVX2's 16 registers. */
    private static void tileOf6Rows(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] from,
                                    int fromOff, int fromLd, boolean accumulate, float[] to, int toOff, int toLd) {
        int r0 = fromOff, r1 = r0 + fromLd, r2 = r1 + fromLd, r3 = r2 + fromLd, r4 = r3 + fromLd, r5 = r4 + fromLd;
        FloatVector c00 = start(from, r0, accumulate), c01 = start(from, r0 + LANES, accumulate);
        FloatVector c10 = start(from, r1, accumulate), c11 = start(from, r1 + LANES, accumulate);
        FloatVector c20 = start(from, r2, accumulate), c21 = start(from, r2 + LANES, accumulate);
        FloatVector c30 = start(from, r3, accumulate), c31 = start(from, r3 + LANES, accumulate);
        FloatVector c40 = start(from, r4, accumulate), c41 = start(from, r4 + LANES, accumulate);
        FloatVector c50 = start(from, r5, accumulate), c51 = start(from, r5 + LANES, accumulate);
        // Both indices step by themselves (B's is not a whole multiple of A's here, as it is in tileOf8Rows).
        for (int ai = apOff, bi = bpOff, end = apOff + 6 * kc; ai < end; ai += 6, bi += 2 * LANES) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + LANES);
            FloatVector a = FloatVector.broadcast(SPECIES, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(SPECIES, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(SPECIES, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(SPECIES, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(SPECIES, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(SPECIES, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        int t0 = toOff, t1 = t0 + toLd, t2 = t1 + toLd, t3 = t2 + toLd, t4 = t3 + toLd, t5 = t4 + toLd;
        c00.intoArray(to, t0); c01.intoArray(to, t0 + LANES);
        c10.intoArray(to, t1); c11.intoArray(to, t1 + LANES);
        c20.intoArray(to, t2); c21.intoArray(to, t2 + LANES);
        c30.intoArray(to, t3); c31.intoArray(to, t3 + LANES);
        c40.intoArray(to, t4); c41.intoArray(to, t4 + LANES);
        c50.intoArray(to, t5); c51.intoArray(to, t5 + LANES);
    }

    /** 8 rows: 16 accumulators, 2 B vectors and a broadcast, 19 of AVX-512's 32 registers. */
    private static void tileOf8Rows(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] from,
                                    int fromOff, int fromLd, boolean accumulate, float[] to, int toOff, int toLd) {
        int r0 = fromOff, r1 = r0 + fromLd, r2 = r1 + fromLd, r3 = r2 + fromLd;
        int r4 = r3 + fromLd, r5 = r4 + fromLd, r6 = r5 + fromLd, r7 = r6 + fromLd;
        FloatVector c00 = start(from, r0, accumulate), c01 = start(from, r0 + LANES, accumulate);
        FloatVector c10 = start(from, r1, accumulate), c11 = start(from, r1 + LANES, accumulate);
        FloatVector c20 = start(from, r2, accumulate), c21 = start(from, r2 + LANES, accumulate);
        FloatVector c30 = start(from, r3, accumulate), c31 = start(from, r3 + LANES, accumulate);
        FloatVector c40 = start(from, r4, accumulate), c41 = start(from, r4 + LANES, accumulate);
        FloatVector c50 = start(from, r5, accumulate), c51 = start(from, r5 + LANES, accumulate);
        FloatVector c60 = start(from, r6, accumulate), c61 = start(from, r6 + LANES, accumulate);
        FloatVector c70 = start(from, r7, accumulate), c71 = start(from, r7 + LANES, accumulate);
        // One induction variable, ai, and B's index an affine function of it: C2 then proves every index in
        // bounds before the loop, and the loop carries one add and one compare (see run's comment).
        int bDelta = bpOff - (2 * LANES / 8) * apOff;
        for (int ai = apOff, end = apOff + 8 * kc; ai < end; ai += 8) {
            int bi = bDelta + (2 * LANES / 8) * ai;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + LANES);
            FloatVector a = FloatVector.broadcast(SPECIES, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(SPECIES, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(SPECIES, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(SPECIES, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(SPECIES, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(SPECIES, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(SPECIES, ap[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(SPECIES, ap[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        int t0 = toOff, t1 = t0 + toLd, t2 = t1 + toLd, t3 = t2 + toLd;
        int t4 = t3 + toLd, t5 = t4 + toLd, t6 = t5 + toLd, t7 = t6 + toLd;
        c00.intoArray(to, t0); c01.intoArray(to, t0 + LANES);
        c10.intoArray(to, t1); c11.intoArray(to, t1 + LANES);
        c20.intoArray(to, t2); c21.intoArray(to, t2 + LANES);
        c30.intoArray(to, t3); c31.intoArray(to, t3 + LANES);
        c40.intoArray(to, t4); c41.intoArray(to, t4 + LANES);
        c50.intoArray(to, t5); c51.intoArray(to, t5 + LANES);
        c60.intoArray(to, t6); c61.intoArray(to, t6 + LANES);
        c70.intoArray(to, t7); c71.intoArray(to, t7 + LANES);
    }
}
