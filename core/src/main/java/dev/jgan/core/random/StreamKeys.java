package dev.jgan.core.random;

/**
 * Keys of independent Philox streams derived from one seed: a training run draws its
 * initialization, noise, shuffling and fixed grid noise each from its own stream, numbered from 1,
 * so that drawing more of one never moves another (which is what makes a resumed run exact).
 *
 * <p>The key mixes the seed and the stream's number with SplitMix64's finalizer (Steele, Lea and
 * Flood 2014), so no stream of seed s shares its key with a stream of another seed, or with a
 * plain {@code new Generator(k)} for a small k such as {@code gan sample --seed}. The formula is
 * part of every saved run: changing it would change what a resumed run draws.
 */
public final class StreamKeys {
    /** 2^64 / golden ratio, SplitMix64's increment: consecutive stream numbers land far apart. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private StreamKeys() {
    }

    /** The Philox key of stream {@code stream} (1, 2, ...) of {@code seed}. */
    public static long derive(long seed, int stream) {
        if (stream < 1) {
            throw new IllegalArgumentException("StreamKeys.derive: streams are numbered from 1, got " + stream);
        }
        return mix(seed ^ mix(GOLDEN_GAMMA * stream));
    }

    /** A generator at the start of stream {@code stream} of {@code seed}. */
    public static Generator generator(long seed, int stream) {
        return new Generator(derive(seed, stream));
    }

    /** SplitMix64's finalizer: every input bit flips about half the output bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
