package dev.jgan.core.random;

/**
 * Philox4x32-10, the counter-based generator of Salmon et al., "Parallel random numbers: as
 * easy as 1, 2, 3" (SC 2011). A block of four 32-bit words is a pure function of a 64-bit key
 * (our seed) and a 128-bit counter (our position in the stream), so element i of any random
 * tensor can be computed alone, in any order, by a CPU loop or a GPU thread, with the same
 * result.
 */
public final class Philox {
    private static final int M0 = 0xD2511F53;
    private static final int M1 = 0xCD9E8D57;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    private static final int ROUNDS = 10;

    private Philox() {
    }

    /** The block for a key and a 128-bit counter given as four words (c0 lowest). */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        for (int round = 0; round < ROUNDS; round++) {
            long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
            int hi0 = (int) (p0 >>> 32);
            int lo0 = (int) p0;
            int hi1 = (int) (p1 >>> 32);
            int lo1 = (int) p1;
            c0 = hi1 ^ c1 ^ k0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ k1;
            c3 = lo0;
            k0 += W0;
            k1 += W1;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }

    /** The block at stream position {@code counter} for {@code seed}. */
    public static void block(long seed, long counter, int[] out) {
        block((int) counter, (int) (counter >>> 32), 0, 0, (int) seed, (int) (seed >>> 32), out);
    }

    /** A float in [0, 1) from the top 24 bits of a word: every value is exactly representable. */
    public static float uniformFloat(int word) {
        return (word >>> 8) * 0x1.0p-24f;
    }

    /** A double in [0, 1) from 53 bits of two words. */
    public static double uniformDouble(int hiWord, int loWord) {
        long bits = ((hiWord & 0xFFFFFFFFL) << 21) | ((loWord & 0xFFFFFFFFL) >>> 11);
        return bits * 0x1.0p-53;
    }

    /** One standard normal number from a whole block, by the Box-Muller transform. */
    public static double boxMuller(int[] block) {
        double u1 = 1.0 - uniformDouble(block[0], block[1]); // in (0, 1], so log(u1) is finite
        double u2 = uniformDouble(block[2], block[3]);
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
