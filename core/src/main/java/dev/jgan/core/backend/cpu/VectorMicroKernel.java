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
    /** How a tile meets C: sum from +0 and store; continue the sum C holds; sum from +0 and add onto C. */
    private static final int STORE = 0, CONTINUE = 1, ADD = 2;

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
        tile(kc, ap, apOff, bp, bpOff, c, cOff, ldc, accumulate ? CONTINUE : STORE);
    }

    /** Each product stays in registers and is added onto the tile in memory (L1) once. */
    @Override
    public void runSegments(int kc, int segment, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff,
                            int ldc, boolean accumulate) {
        for (int p0 = 0; p0 < kc; p0 += segment) {
            tile(segment, ap, apOff + p0 * MR, bp, bpOff + p0 * 2 * LANES, c, cOff, ldc,
                    p0 == 0 && !accumulate ? STORE : ADD);
        }
    }

    private void tile(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc, int mode) {
        if (fused) {
            runFused(kc, ap, apOff, bp, bpOff, c, cOff, ldc, mode);
        } else {
            runSeparate(kc, ap, apOff, bp, bpOff, c, cOff, ldc, mode);
        }
    }

    private static FloatVector start(float[] c, int off, int mode) {
        return mode == CONTINUE ? FloatVector.fromArray(SPECIES, c, off) : FloatVector.zero(SPECIES);
    }

    private static void finish(FloatVector sum, float[] c, int off, int mode) {
        (mode == ADD ? FloatVector.fromArray(SPECIES, c, off).add(sum) : sum).intoArray(c, off);
    }

    /** The default: multiply, round, add, round, as the plain loop does. */
    private static void runSeparate(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                                    int mode) {
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        FloatVector c00 = start(c, r0, mode), c01 = start(c, r0 + LANES, mode);
        FloatVector c10 = start(c, r1, mode), c11 = start(c, r1 + LANES, mode);
        FloatVector c20 = start(c, r2, mode), c21 = start(c, r2 + LANES, mode);
        FloatVector c30 = start(c, r3, mode), c31 = start(c, r3 + LANES, mode);
        FloatVector c40 = start(c, r4, mode), c41 = start(c, r4 + LANES, mode);
        FloatVector c50 = start(c, r5, mode), c51 = start(c, r5 + LANES, mode);
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
        finish(c00, c, r0, mode); finish(c01, c, r0 + LANES, mode);
        finish(c10, c, r1, mode); finish(c11, c, r1 + LANES, mode);
        finish(c20, c, r2, mode); finish(c21, c, r2 + LANES, mode);
        finish(c30, c, r3, mode); finish(c31, c, r3 + LANES, mode);
        finish(c40, c, r4, mode); finish(c41, c, r4 + LANES, mode);
        finish(c50, c, r5, mode); finish(c51, c, r5 + LANES, mode);
    }

    /** The same tile with fused multiply-adds: one rounding per step. */
    private static void runFused(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                                 int mode) {
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        FloatVector c00 = start(c, r0, mode), c01 = start(c, r0 + LANES, mode);
        FloatVector c10 = start(c, r1, mode), c11 = start(c, r1 + LANES, mode);
        FloatVector c20 = start(c, r2, mode), c21 = start(c, r2 + LANES, mode);
        FloatVector c30 = start(c, r3, mode), c31 = start(c, r3 + LANES, mode);
        FloatVector c40 = start(c, r4, mode), c41 = start(c, r4 + LANES, mode);
        FloatVector c50 = start(c, r5, mode), c51 = start(c, r5 + LANES, mode);
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
        finish(c00, c, r0, mode); finish(c01, c, r0 + LANES, mode);
        finish(c10, c, r1, mode); finish(c11, c, r1 + LANES, mode);
        finish(c20, c, r2, mode); finish(c21, c, r2 + LANES, mode);
        finish(c30, c, r3, mode); finish(c31, c, r3 + LANES, mode);
        finish(c40, c, r4, mode); finish(c41, c, r4 + LANES, mode);
        finish(c50, c, r5, mode); finish(c51, c, r5 + LANES, mode);
    }
}
