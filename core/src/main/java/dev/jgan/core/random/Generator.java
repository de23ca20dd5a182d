package dev.jgan.core.random;

/**
 * A seed and a position in its Philox stream. Each random tensor takes the next {@code numel}
 * positions, so the numbers depend only on the seed and on how many were drawn before: a
 * checkpoint that stores {@link #offset()} can resume the exact stream.
 */
public final class Generator {
    private final long seed;
    private long offset;

    public Generator(long seed) {
        this(seed, 0);
    }

    public Generator(long seed, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("Generator: offset must be >= 0, got " + offset);
        }
        this.seed = seed;
        this.offset = offset;
    }

    public long seed() {
        return seed;
    }

    /** How many stream positions have been used so far. */
    public long offset() {
        return offset;
    }

    /** Reserves {@code count} positions and returns the first. */
    public long reserve(long count) {
        long first = offset;
        offset += count;
        return first;
    }

    @Override
    public String toString() {
        return "Generator(seed=" + seed + ", offset=" + offset + ")";
    }
}
