package dev.jgan.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MicroKernel#runRoundedProducts} for {@link VectorMicroKernel}'s tile, whole registers
 * at a time: each step rounds the product and then the sum ({@code acc.add(a.mul(b))}), as the
 * plain loop does, so every lane holds its bits. It is a class of its own because a second vector
 * loop inside {@link VectorMicroKernel} made C2 stop inlining the Vector API's calls in the FMA
 * tile (see there). The DCGAN's weight gradients of layers with 1x1 outputs run here: the plain
 * loop, one scalar chain per element of the tile, took 3 % of a DCGAN 32x32 step.
 */
final class VectorRoundedProducts {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorRoundedProducts() {
    }

    /**
     * The tile of {@code rows} (even) by {@code 2 * LANES} as {@link MicroKernel#runRoundedProducts}
     * defines it; two rows at a time, four independent sums.
     */
    static void run(int rows, int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                    boolean accumulate) {
        int cols = 2 * LANES;
        for (int r = 0; r < rows; r += 2) {
            int c0 = cOff + r * ldc;
            int c1 = c0 + ldc;
            FloatVector s00 = start(c, c0, accumulate), s01 = start(c, c0 + LANES, accumulate);
            FloatVector s10 = start(c, c1, accumulate), s11 = start(c, c1 + LANES, accumulate);
            for (int p = 0; p < kc; p++) {
                int ai = apOff + p * rows + r;
                int bi = bpOff + p * cols;
                FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
                FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + LANES);
                FloatVector a0 = FloatVector.broadcast(SPECIES, ap[ai]);
                FloatVector a1 = FloatVector.broadcast(SPECIES, ap[ai + 1]);
                s00 = s00.add(a0.mul(b0));
                s01 = s01.add(a0.mul(b1));
                s10 = s10.add(a1.mul(b0));
                s11 = s11.add(a1.mul(b1));
            }
            s00.intoArray(c, c0);
            s01.intoArray(c, c0 + LANES);
            s10.intoArray(c, c1);
            s11.intoArray(c, c1 + LANES);
        }
    }

    private static FloatVector start(float[] c, int off, boolean accumulate) {
        return accumulate ? FloatVector.fromArray(SPECIES, c, off) : FloatVector.zero(SPECIES);
    }
}
