package dev.jgan.core.backend.cpu;

import java.util.ArrayDeque;

/**
 * Per-thread float buffers for {@link PackedMatmul}'s packed panels, kept between calls.
 *
 * <p>A GAN step runs a few dozen products of a few hundred kilobytes of packed panels each; a fresh
 * {@code new float[]} per call costs its zeroing and later garbage collection for nothing, since
 * packing overwrites every element it reads. Buffers are borrowed and given back rather than
 * simply held per thread: a fork-join thread that waits in a join may run another product on the
 * same thread while its own panel is still in use, and that nested product then gets a buffer of
 * its own.
 */
final class PackingScratch {
    /** At most this many idle buffers stay with a thread: enough for a B panel, an A block and a tile, nested once. */
    private static final int KEPT_PER_THREAD = 6;

    private static final ThreadLocal<ArrayDeque<float[]>> IDLE = ThreadLocal.withInitial(ArrayDeque::new);

    private PackingScratch() {
    }

    /** A buffer of at least {@code length} floats, with arbitrary contents, owned by the caller until {@link #giveBack}. */
    static float[] borrow(int length) {
        ArrayDeque<float[]> idle = IDLE.get();
        for (var it = idle.iterator(); it.hasNext(); ) {
            float[] buffer = it.next();
            if (buffer.length >= length) {
                it.remove();
                return buffer;
            }
        }
        return new float[length];
    }

    /**
     * Returns a borrowed buffer to the calling thread's idle list; when that is full, the smallest
     * of them (the buffer or an idle one) goes to the garbage collector instead.
     */
    static void giveBack(float[] buffer) {
        ArrayDeque<float[]> idle = IDLE.get();
        if (idle.size() >= KEPT_PER_THREAD) {
            float[] smallest = buffer;
            for (float[] kept : idle) {
                if (kept.length < smallest.length) {
                    smallest = kept;
                }
            }
            if (smallest == buffer) {
                return;
            }
            idle.remove(smallest);
        }
        idle.push(buffer);
    }
}
