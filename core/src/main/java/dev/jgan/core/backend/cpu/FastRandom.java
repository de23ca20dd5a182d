package dev.jgan.core.backend.cpu;

import dev.jgan.core.backend.Operand;
import dev.jgan.core.random.Philox;

/**
 * The float32 fast path of the normal fill: the reference loop's function of each element, with
 * its output array written directly and its elements split across the cores. Element i is a
 * function of the Philox block at offset + i alone, so any split gives the reference's bits.
 * A GAN draws its noise z every step (64 x 100 normals twice a step in gan.py), and at about
 * 36 ns an element (ten Philox rounds, then a log, a square root and a cosine in double) the
 * single-threaded loop was 2 % of an epoch's time, all of it on the training thread.
 */
final class FastRandom {
    /**
     * {@link Parallel}'s cost of one normal number, in the float operations its threshold counts:
     * the Philox rounds and Box-Muller's three functions cost about what 64 adds do.
     */
    private static final long COST_PER_NORMAL = 64;

    private FastRandom() {
    }

    /** out[i] = mean + std * normal(Philox block offset + i), row-major; false (nothing done) unless float32. */
    static boolean tryNormal(Operand out, long seed, long offset, double mean, double std) {
        if (!(out.storage() instanceof CpuStorage.Floats)) {
            return false;
        }
        Destination dst = Destination.of(out);
        float[] data = dst.data();
        int base = dst.offset();
        Parallel.forRange(out.numel(), COST_PER_NORMAL, (start, end) -> {
            int[] block = new int[4];
            for (int i = start; i < end; i++) {
                data[base + i] = (float) ReferenceKernels.normalAt(seed, offset + i, mean, std, block);
            }
        });
        dst.finish();
        return true;
    }
}
