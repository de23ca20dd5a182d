package dev.jgan.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies through the Vector API's gather: one register-wide load takes elements from
 * {@link #LANES} places at once, and one store writes them side by side. Two copies use it, both
 * exact, so only speed changes:
 * <ul>
 *   <li>{@link PackedMatmul} packs a transposed B (a weight W read as W^T, whose columns are W's
 *   rows) by interleaving a register's worth of its columns. Packing a 1024 x 784 W^T into
 *   slivers took 340 us with eight scalar streams at a time and 260 us with the 16-lane gather,
 *   the time a row-major B's plain row copies take (Xeon, AVX-512, one thread, loaded machine).</li>
 *   <li>{@link FastWindows} copies im2col's column rows through their offset tables: im2col of
 *   [64, 32, 8, 8] for a 3x3 kernel 1027 -> 829 us, of [64, 1, 8, 8] for 4x4 stride 2 18 -> 12 us
 *   (same machine).</li>
 * </ul>
 * Only those two name this class, and only once {@link MicroKernels#VECTOR_API} says the module
 * is there.
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

    /**
     * {@code to[at + q] = from[base + table[tableAt + q]]} for q < length: im2col's copy of one
     * column row through its offset table, a register's worth per gather, the tail one by one.
     */
    static void gatherRun(float[] from, int base, int[] table, int tableAt, int length, float[] to, int at) {
        int q = 0;
        for (int end = length - LANES; q <= end; q += LANES) {
            FloatVector.fromArray(SPECIES, from, base, table, tableAt + q).intoArray(to, at + q);
        }
        for (; q < length; q++) {
            to[at + q] = from[base + table[tableAt + q]];
        }
    }
}
