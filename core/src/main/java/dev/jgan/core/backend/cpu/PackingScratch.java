package dev.jgan.core.backend.cpu;

import java.util.ArrayList;
import java.util.List;

/**
 * Float buffers for {@link PackedMatmul}'s packed panels, kept between calls.
 *
 * <p>A GAN step runs a few dozen products of a few hundred kilobytes of packed panels each; a fresh
 * {@code new float[]} per call costs its zeroing and later garbage collection for nothing, since
 * packing overwrites every element it reads. Buffers are borrowed and given back: a fork-join
 * thread that waits in a join may run another product on the same thread while its own panel is
 * still in use, and that nested product then gets a buffer of its own.
 *
 * <p>The idle buffers are shared by all threads rather than kept per thread: the common
 * fork-join pool's workers clear their thread-locals after every task, so a per-thread list lost
 * the workers' buffers after each chunk (over half of what an MLP-GAN step allocated once its
 * tensors came from the memory pool). A borrow or give-back holds the lock for a scan of a few
 * buffers, once per packed block.
 */
final class PackingScratch {
    /** At most this many idle buffers are kept: enough for a B panel, an A block and a tile per core, nested once. */
    static final int KEPT = 6 * Runtime.getRuntime().availableProcessors();

    private static final List<float[]> IDLE = new ArrayList<>();

    private PackingScratch() {
    }

    /**
     * A buffer of at least {@code length} floats and a cache line more ({@link CacheLines#SLACK}), with
     * arbitrary contents, owned by the caller until {@link #giveBack}: the smallest idle one that is long
     * enough, so that an A block does not take the buffer the next B panel needs. The line to spare lets
     * the caller start its data on a line, at {@link CacheLines#firstAligned}.
     */
    static float[] borrow(int length) {
        length += CacheLines.SLACK;
        synchronized (IDLE) {
            int best = -1;
            for (int i = 0; i < IDLE.size(); i++) {
                int size = IDLE.get(i).length;
                if (size >= length && (best < 0 || size < IDLE.get(best).length)) {
                    best = i;
                }
            }
            if (best >= 0) {
                return IDLE.remove(best);
            }
        }
        return new float[length];
    }

    /**
     * Returns a borrowed buffer to the idle list; when that is full, the smallest of them (the
     * buffer or an idle one) goes to the garbage collector instead.
     */
    static void giveBack(float[] buffer) {
        synchronized (IDLE) {
            if (IDLE.size() >= KEPT) {
                int smallest = 0;
                for (int i = 1; i < IDLE.size(); i++) {
                    if (IDLE.get(i).length < IDLE.get(smallest).length) {
                        smallest = i;
                    }
                }
                if (IDLE.get(smallest).length >= buffer.length) {
                    return;
                }
                IDLE.remove(smallest);
            }
            IDLE.add(buffer);
        }
    }
}
