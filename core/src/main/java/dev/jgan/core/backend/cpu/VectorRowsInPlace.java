package dev.jgan.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MicroKernel#runOnRows} for {@link VectorMicroKernel}'s tile: the same FMA steps as its
 * packed tile, with each of the tile's rows of A read where it lies, one stream per row, instead
 * of from a packed sliver. {@link PackedMatmul} uses it for {@code x W^T} with few rows in x,
 * where W's rows are the rows of A and packing them would cost as much as multiplying (see
 * {@link PackedMatmul#multiplyTransposed}). A class of its own, as {@link VectorRoundedProducts}
 * is: a second vector loop inside {@link VectorMicroKernel} made C2 stop inlining the Vector
 * API's calls in the packed tile. A tile reading packed and in-place rows through one stride
 * parameter was 10 % slower on both (x W^T 64x512x1024, one Xeon core).
 *
 * <p>The loop steps row 0's index in A (and B's beside it) and reads the other rows at fixed
 * distances from it ({@code a[ai + 2 * lda]}). Written with a counter added to one offset per row
 * ({@code a[a2 + p]}), the 6-row tile ran at half the packed tile's speed with
 * AVX2's 16 vector registers: 43-47 against 86-110 GFLOP/s on one core of an AMD EPYC of family
 * 26 (Zen 5) run with {@code -XX:UseAVX=2}, the same kc = 256 tile called in a loop; stepping row
 * 0's index, 85-111 (OpenBLAS's AVX2 kernels on one core of it, torch.mm sgemm 1024: 101-104
 * GFLOP/s). With AVX-512's 32 registers both forms ran alike (145-160 GFLOP/s for 8 rows).
 */
final class VectorRowsInPlace {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorRowsInPlace() {
    }

    /** The tile of {@code rows} (8 with AVX-512, 6 with AVX2, as {@link VectorMicroKernel}) by 2 vectors. */
    static void run(int rows, int kc, float[] a, int aOff, int lda, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                    boolean accumulate) {
        if (rows == 8) {
            tileOf8Rows(kc, a, aOff, lda, bp, bpOff, c, cOff, ldc, accumulate);
        } else {
            tileOf6Rows(kc, a, aOff, lda, bp, bpOff, c, cOff, ldc, accumulate);
        }
    }

    private static FloatVector start(float[] c, int off, boolean accumulate) {
        return accumulate ? FloatVector.fromArray(SPECIES, c, off) : FloatVector.zero(SPECIES);
    }

    private static void tileOf6Rows(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff, float[] c, int cOff,
                                    int ldc, boolean accumulate) {
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        FloatVector c00 = start(c, r0, accumulate), c01 = start(c, r0 + LANES, accumulate);
        FloatVector c10 = start(c, r1, accumulate), c11 = start(c, r1 + LANES, accumulate);
        FloatVector c20 = start(c, r2, accumulate), c21 = start(c, r2 + LANES, accumulate);
        FloatVector c30 = start(c, r3, accumulate), c31 = start(c, r3 + LANES, accumulate);
        FloatVector c40 = start(c, r4, accumulate), c41 = start(c, r4 + LANES, accumulate);
        FloatVector c50 = start(c, r5, accumulate), c51 = start(c, r5 + LANES, accumulate);
        // Row 0's index steps and the other rows sit at fixed distances from it (see the class comment).
        int l2 = 2 * lda, l3 = 3 * lda, l4 = 4 * lda, l5 = 5 * lda;
        for (int ai = aOff, end = aOff + kc, bi = bpOff; ai < end; ai++, bi += 2 * LANES) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[ai + lda]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[ai + l2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[ai + l3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[ai + l4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[ai + l5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        c00.intoArray(c, r0); c01.intoArray(c, r0 + LANES);
        c10.intoArray(c, r1); c11.intoArray(c, r1 + LANES);
        c20.intoArray(c, r2); c21.intoArray(c, r2 + LANES);
        c30.intoArray(c, r3); c31.intoArray(c, r3 + LANES);
        c40.intoArray(c, r4); c41.intoArray(c, r4 + LANES);
        c50.intoArray(c, r5); c51.intoArray(c, r5 + LANES);
    }

    private static void tileOf8Rows(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff, float[] c, int cOff,
                                    int ldc, boolean accumulate) {
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc;
        int r7 = r6 + ldc;
        FloatVector c00 = start(c, r0, accumulate), c01 = start(c, r0 + LANES, accumulate);
        FloatVector c10 = start(c, r1, accumulate), c11 = start(c, r1 + LANES, accumulate);
        FloatVector c20 = start(c, r2, accumulate), c21 = start(c, r2 + LANES, accumulate);
        FloatVector c30 = start(c, r3, accumulate), c31 = start(c, r3 + LANES, accumulate);
        FloatVector c40 = start(c, r4, accumulate), c41 = start(c, r4 + LANES, accumulate);
        FloatVector c50 = start(c, r5, accumulate), c51 = start(c, r5 + LANES, accumulate);
        FloatVector c60 = start(c, r6, accumulate), c61 = start(c, r6 + LANES, accumulate);
        FloatVector c70 = start(c, r7, accumulate), c71 = start(c, r7 + LANES, accumulate);
        int l2 = 2 * lda, l3 = 3 * lda, l4 = 4 * lda, l5 = 5 * lda, l6 = 6 * lda, l7 = 7 * lda;
        for (int ai = aOff, end = aOff + kc, bi = bpOff; ai < end; ai++, bi += 2 * LANES) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[ai + lda]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[ai + l2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[ai + l3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[ai + l4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[ai + l5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, a[ai + l6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, a[ai + l7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
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
