package dev.jgan.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 6 x (2 vectors) register tile on {@code jdk.incubator.vector}: twelve vector accumulators
 * (6 rows, 2 x 16 floats with AVX-512, 2 x 8 with AVX2), each step of p loads two vectors of B
 * and broadcasts six elements of A. Twelve accumulators plus two B vectors and one broadcast
 * fit in the 16 vector registers even of AVX2, and twelve independent add chains hide the
 * latency of the adds.
 *
 * <p>Only {@link MicroKernels} names this class, and only once it has found the module in the
 * boot layer: the JVM loads a class when code first runs that uses it, so a JVM started without
 * {@code --add-modules jdk.incubator.vector} never touches it.
 *
 * <p>{@code fused} picks {@code acc = fma(a, b, acc)}, one rounding per step instead of two: the
 * results differ in the last bits from every other path here, so it is offered for measurement
 * only, never as the default.
 */
final class VectorMicroKernel implements MicroKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int MR = 6;

    static final VectorMicroKernel SEPARATE = new VectorMicroKernel(false);
    static final VectorMicroKernel FUSED = new VectorMicroKernel(true);

    private final boolean fused;

    private VectorMicroKernel(boolean fused) {
        this.fused = fused;
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
        return (fused ? "vector FMA " : "vector ") + MR + "x" + 2 * LANES + " (" + SPECIES.vectorBitSize() + "-bit)";
    }

    @Override
    public void run(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc, boolean accumulate) {
        if (fused) {
            runFused(kc, ap, apOff, bp, bpOff, c, cOff, ldc, accumulate);
        } else {
            runSeparate(kc, ap, apOff, bp, bpOff, c, cOff, ldc, accumulate);
        }
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

    private static FloatVector start(float[] c, int off, boolean accumulate) {
        return accumulate ? FloatVector.fromArray(SPECIES, c, off) : FloatVector.zero(SPECIES);
    }

    /** The default: multiply, round, add, round, as the plain loop does. */
    private static void runSeparate(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                                    boolean accumulate) {
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        FloatVector c00 = start(c, r0, accumulate), c01 = start(c, r0 + LANES, accumulate);
        FloatVector c10 = start(c, r1, accumulate), c11 = start(c, r1 + LANES, accumulate);
        FloatVector c20 = start(c, r2, accumulate), c21 = start(c, r2 + LANES, accumulate);
        FloatVector c30 = start(c, r3, accumulate), c31 = start(c, r3 + LANES, accumulate);
        FloatVector c40 = start(c, r4, accumulate), c41 = start(c, r4 + LANES, accumulate);
        FloatVector c50 = start(c, r5, accumulate), c51 = start(c, r5 + LANES, accumulate);
        for (int p = 0; p < kc; p++) {
            int ai = apOff + MR * p;
            int bi = bpOff + 2 * LANES * p;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + LANES);
            FloatVector a = FloatVector.broadcast(SPECIES, ap[ai]);
            c00 = c00.add(a.mul(b0));
            c01 = c01.add(a.mul(b1));
            a = FloatVector.broadcast(SPECIES, ap[ai + 1]);
            c10 = c10.add(a.mul(b0));
            c11 = c11.add(a.mul(b1));
            a = FloatVector.broadcast(SPECIES, ap[ai + 2]);
            c20 = c20.add(a.mul(b0));
            c21 = c21.add(a.mul(b1));
            a = FloatVector.broadcast(SPECIES, ap[ai + 3]);
            c30 = c30.add(a.mul(b0));
            c31 = c31.add(a.mul(b1));
            a = FloatVector.broadcast(SPECIES, ap[ai + 4]);
            c40 = c40.add(a.mul(b0));
            c41 = c41.add(a.mul(b1));
            a = FloatVector.broadcast(SPECIES, ap[ai + 5]);
            c50 = c50.add(a.mul(b0));
            c51 = c51.add(a.mul(b1));
        }
        c00.intoArray(c, r0); c01.intoArray(c, r0 + LANES);
        c10.intoArray(c, r1); c11.intoArray(c, r1 + LANES);
        c20.intoArray(c, r2); c21.intoArray(c, r2 + LANES);
        c30.intoArray(c, r3); c31.intoArray(c, r3 + LANES);
        c40.intoArray(c, r4); c41.intoArray(c, r4 + LANES);
        c50.intoArray(c, r5); c51.intoArray(c, r5 + LANES);
    }

    /** The same tile with fused multiply-adds: one rounding per step. */
    private static void runFused(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                                 boolean accumulate) {
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        FloatVector c00 = start(c, r0, accumulate), c01 = start(c, r0 + LANES, accumulate);
        FloatVector c10 = start(c, r1, accumulate), c11 = start(c, r1 + LANES, accumulate);
        FloatVector c20 = start(c, r2, accumulate), c21 = start(c, r2 + LANES, accumulate);
        FloatVector c30 = start(c, r3, accumulate), c31 = start(c, r3 + LANES, accumulate);
        FloatVector c40 = start(c, r4, accumulate), c41 = start(c, r4 + LANES, accumulate);
        FloatVector c50 = start(c, r5, accumulate), c51 = start(c, r5 + LANES, accumulate);
        for (int p = 0; p < kc; p++) {
            int ai = apOff + MR * p;
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
}
