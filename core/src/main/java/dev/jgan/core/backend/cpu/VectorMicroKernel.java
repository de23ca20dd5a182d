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
     */
    @Override
    public void run(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc, boolean accumulate) {
        if (MR == 8) {
            tileOf8Rows(kc, ap, apOff, bp, bpOff, c, cOff, ldc, accumulate);
        } else {
            tileOf6Rows(kc, ap, apOff, bp, bpOff, c, cOff, ldc, accumulate);
        }
    }

    /** 6 rows: 12 accumulators, 2 B vectors and a broadcast fill 15 of AVX2's 16 registers. */
    private static void tileOf6Rows(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                                    boolean accumulate) {
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        FloatVector c00 = start(c, r0, accumulate), c01 = start(c, r0 + LANES, accumulate);
        FloatVector c10 = start(c, r1, accumulate), c11 = start(c, r1 + LANES, accumulate);
        FloatVector c20 = start(c, r2, accumulate), c21 = start(c, r2 + LANES, accumulate);
        FloatVector c30 = start(c, r3, accumulate), c31 = start(c, r3 + LANES, accumulate);
        FloatVector c40 = start(c, r4, accumulate), c41 = start(c, r4 + LANES, accumulate);
        FloatVector c50 = start(c, r5, accumulate), c51 = start(c, r5 + LANES, accumulate);
        for (int p = 0; p < kc; p++) {
            int ai = apOff + 6 * p;
            int bi = bpOff + 2 * LANES * p;
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
        c00.intoArray(c, r0); c01.intoArray(c, r0 + LANES);
        c10.intoArray(c, r1); c11.intoArray(c, r1 + LANES);
        c20.intoArray(c, r2); c21.intoArray(c, r2 + LANES);
        c30.intoArray(c, r3); c31.intoArray(c, r3 + LANES);
        c40.intoArray(c, r4); c41.intoArray(c, r4 + LANES);
        c50.intoArray(c, r5); c51.intoArray(c, r5 + LANES);
    }

    /** 8 rows: 16 accumulators, 2 B vectors and a broadcast, 19 of AVX-512's 32 registers. */
    private static void tileOf8Rows(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                                    boolean accumulate) {
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
        FloatVector c00 = start(c, r0, accumulate), c01 = start(c, r0 + LANES, accumulate);
        FloatVector c10 = start(c, r1, accumulate), c11 = start(c, r1 + LANES, accumulate);
        FloatVector c20 = start(c, r2, accumulate), c21 = start(c, r2 + LANES, accumulate);
        FloatVector c30 = start(c, r3, accumulate), c31 = start(c, r3 + LANES, accumulate);
        FloatVector c40 = start(c, r4, accumulate), c41 = start(c, r4 + LANES, accumulate);
        FloatVector c50 = start(c, r5, accumulate), c51 = start(c, r5 + LANES, accumulate);
        FloatVector c60 = start(c, r6, accumulate), c61 = start(c, r6 + LANES, accumulate);
        FloatVector c70 = start(c, r7, accumulate), c71 = start(c, r7 + LANES, accumulate);
        for (int p = 0; p < kc; p++) {
            int ai = apOff + 8 * p;
            int bi = bpOff + 2 * LANES * p;
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
        c00.intoArray(c, r0); c01.intoArray(c, r0 + LANES);
        c10.intoArray(c, r1); c11.intoArray(c, r1 + LANES);
        c20.intoArray(c, r2); c21.intoArray(c, r2 + LANES);
        c30.intoArray(c, r3); c31.intoArray(c, r3 + LANES);
        c40.intoArray(c, r4); c41.intoArray(c, r4 + LANES);
        c50.intoArray(c, r5); c51.intoArray(c, r5 + LANES);
        c60.intoArray(c, r6); c61.intoArray(c, r6 + LANES);
        c70.intoArray(c, r7); c71.intoArray(c, r7 + LANES);
    }
}
