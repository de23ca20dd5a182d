package dev.jgan.nn.data;

import dev.jgan.core.random.Philox;

/**
 * The order of an epoch: a Fisher-Yates shuffle driven by Philox4x32-10.
 *
 * <p>Epoch {@code e} reads its random words from the Philox counters {@code (k, e, TAG)}: word
 * {@code k} of block {@code k / 4} in the low 64 bits, the epoch in the third word and a constant
 * tag in the fourth. Random tensors use counters whose upper two words are zero, so the shuffle
 * never reuses their numbers even under the same seed, and the permutation of epoch {@code e}
 * is a pure function of {@code (seed, e)}: a run resumed at epoch 17 sees exactly the order it
 * would have seen without stopping, with no generator state to save.
 */
public final class PhiloxShuffle {
    /** "SHUF" in ASCII: marks the counter range reserved for data-set shuffles. */
    private static final int TAG = 0x53485546;
    private static final long WORD_MASK = 0xFFFFFFFFL;

    private PhiloxShuffle() {
    }

    /** A uniformly random permutation of {@code 0 .. n-1} for this seed and epoch. */
    public static int[] permutation(int n, long seed, int epoch) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation: n must be >= 0, got " + n);
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("permutation: epoch must be >= 0, got " + epoch);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Words words = new Words(seed, epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = words.below(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** The stream of 32-bit words of one epoch, read four at a time from Philox blocks. */
    private static final class Words {
        private final int k0;
        private final int k1;
        private final int epoch;
        private final int[] block = new int[4];
        private long counter;
        private int used = 4;

        Words(long seed, int epoch) {
            this.k0 = (int) seed;
            this.k1 = (int) (seed >>> 32);
            this.epoch = epoch;
        }

        int next() {
            if (used == 4) {
                Philox.block((int) counter, (int) (counter >>> 32), epoch, TAG, k0, k1, block);
                counter++;
                used = 0;
            }
            return block[used++];
        }

        /**
         * A uniform integer in {@code [0, bound)}, by Lemire's multiply-and-reject ("Fast random
         * integer generation in an interval", 2019): the high word of {@code word * bound} is the
         * result, and the few low words that would make some results more likely than others are
         * rejected, so the shuffle is exactly uniform rather than nearly so.
         */
        int below(int bound) {
            long product = (next() & WORD_MASK) * bound;
            long low = product & WORD_MASK;
            if (low < bound) {
                long threshold = (1L << 32) % bound;
                while (low < threshold) {
                    product = (next() & WORD_MASK) * bound;
                    low = product & WORD_MASK;
                }
            }
            return (int) (product >>> 32);
        }
    }
}
