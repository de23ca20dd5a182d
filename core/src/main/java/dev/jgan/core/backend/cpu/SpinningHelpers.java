package dev.jgan.core.backend.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Threads that run {@link Parallel}'s chunks beside the calling thread and, between ranges,
 * spin a while before they park, as OpenMP's threads (PyTorch's) do. The common fork-join pool
 * parks an idle worker at once, and waking it costs more than a small op: on a 2-core Xeon
 * virtual machine, forking and joining a 2 us task took 7-8 us on average, against 2.1 us with a
 * helper spinning on a field; an add of [64, 1024] takes about 7 us on one core.
 *
 * <p>The caller and the helpers take chunks from one counter until none are left, so a core that
 * another process slows down takes fewer of them, and a helper that is slow to wake leaves its
 * share to the caller. One range runs at a time: a range that finds the helpers busy (another
 * thread's, or one started inside a chunk) returns false and goes to the fork-join pool.
 */
final class SpinningHelpers {
    /**
     * System property: microseconds an idle helper spins before it parks; 0 parks at once, as the
     * fork-join pool's workers do (for a machine shared with other jobs, at the cost of the wake-ups).
     */
    static final String SPIN_PROPERTY = "jgan.cpu.spinMicros";
    /** The default spin: longer than the gaps between a training step's ops. */
    static final long DEFAULT_SPIN_MICROS = 200;

    private final Helper[] helpers;
    private final long spinNanos;
    private final AtomicBoolean busy = new AtomicBoolean();
    /** The range being run; null between ranges. */
    private volatile Range current;

    SpinningHelpers(int count, long spinMicros) {
        if (spinMicros < 0) {
            throw new IllegalArgumentException("-D" + SPIN_PROPERTY + "=" + spinMicros + ": expected microseconds >= 0");
        }
        spinNanos = spinMicros * 1000;
        helpers = new Helper[count];
        for (int i = 0; i < count; i++) {
            helpers[i] = new Helper(this);
            Thread thread = new Thread(helpers[i]::loop, "jgan-parallel-" + (i + 1));
            thread.setDaemon(true);
            helpers[i].thread = thread;
            thread.start();
        }
    }

    /** {@code count} helpers spinning as {@value #SPIN_PROPERTY} says, {@value #DEFAULT_SPIN_MICROS} us without it. */
    static SpinningHelpers fromProperty(int count) {
        String spin = System.getProperty(SPIN_PROPERTY);
        try {
            return new SpinningHelpers(count, spin == null ? DEFAULT_SPIN_MICROS : Long.parseLong(spin.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + SPIN_PROPERTY + "=" + spin + ": expected a whole number of"
                    + " microseconds (0 parks the helper threads at once)", e);
        }
    }

    /**
     * Runs {@code body} over {@code [0, n)} in {@code chunks} chunks, the calling thread and the
     * helpers together, and returns once every chunk has run (rethrowing the first failure);
     * false, with nothing run, when the helpers are busy with another range.
     */
    boolean tryRun(int n, int chunks, Parallel.Body body) {
        if (helpers.length == 0 || !busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            Range range = new Range(body, n, chunks);
            current = range;
            for (Helper helper : helpers) {
                if (helper.parked) {
                    LockSupport.unpark(helper.thread);
                }
            }
            range.runChunks();
            range.awaitChunksTakenByOthers(spinNanos);
            current = null;
            range.rethrowFailure();
            return true;
        } finally {
            busy.set(false);
        }
    }

    private static final class Range {
        private final Parallel.Body body;
        private final int n;
        private final int chunks;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger unfinished;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Range(Parallel.Body body, int n, int chunks) {
            this.body = body;
            this.n = n;
            this.chunks = chunks;
            this.unfinished = new AtomicInteger(chunks);
        }

        void runChunks() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    body.run(Parallel.bound(n, chunks, c), Parallel.bound(n, chunks, c + 1));
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    unfinished.decrementAndGet();
                }
            }
        }

        /** Spins while a helper finishes a chunk it took; yields if that takes long (its core may be preempted). */
        void awaitChunksTakenByOthers(long spinNanos) {
            long start = System.nanoTime();
            while (unfinished.get() > 0) {
                if (System.nanoTime() - start < spinNanos) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }

        void rethrowFailure() {
            Throwable t = failure.get();
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    private static final class Helper {
        private final SpinningHelpers owner;
        private Thread thread;
        private volatile boolean parked;

        Helper(SpinningHelpers owner) {
            this.owner = owner;
        }

        void loop() {
            Range done = null;
            long idleSince = System.nanoTime();
            while (true) {
                Range range = owner.current;
                if (range != null && range != done) {
                    range.runChunks();
                    done = range;
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < owner.spinNanos) {
                    Thread.onSpinWait();
                } else {
                    // Set before the last look: a caller that publishes a range after this look sees it and unparks.
                    parked = true;
                    Range last = owner.current;
                    if (last == null || last == done) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
