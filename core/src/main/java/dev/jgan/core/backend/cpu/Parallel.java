package dev.jgan.core.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits a range of independent work items across the cores: on {@link SpinningHelpers}, which
 * spin between ranges, so that a split pays for small ops too; when those are busy (a range from
 * another thread, or one nested in a chunk), on the common fork-join pool.
 *
 * <p>On the pool, the calling thread forks all chunks but the first, runs the first itself, then
 * joins the others newest first: a join from outside the pool runs a chunk that no worker has
 * taken yet, while workers take the oldest. So the caller works instead of waiting, and with a
 * few chunks per core, a core that another process slows down ends up doing fewer of them.
 */
final class Parallel {
    /**
     * The least work (items times their cost) a chunk gets: a range splits only into chunks of at
     * least this much, so one of under twice this runs in the calling thread. 2^14 float
     * additions are two or three microseconds of one core. Each chunk costs a hand-off and two
     * updates of counters that both cores write; while every split woke a parked fork-join
     * worker, chunks were at least 2^15. Measured with {@link SpinningHelpers} (alternating
     * CompareMain runs, 2-core Xeon, Java only): chunks of at least 2^13 against 2^15: add of
     * [64, 1024] 7.7/7.8 -> 5.2/6.7 us, an MLP-GAN step 16.0/14.9 -> 14.2/13.8 ms; then chunks of
     * at least 2^14 (three pairs): add 9.7/6.2/6.5 -> 8.8/4.6/5.2 us, bias mul 9.1/6.2/7.4 ->
     * 7.8/5.1/5.2, leakyRelu 9.6/7.2/6.1 -> 7.4/4.4/4.5, the sums 10-20 % faster, the DCGAN step
     * and the end-to-end epoch unchanged.
     */
    static final long THRESHOLD = 1L << 14;
    /** Chunks per core when there is enough work: slack for cores that other processes slow down. */
    private static final int CHUNKS_PER_CORE = 4;

    /** The work on {@code [start, end)} of a range. */
    @FunctionalInterface
    interface Body {
        void run(int start, int end);
    }

    /** The cores a range is split across by default: the machine's, or fewer if the common pool is limited. */
    private static final int CORES =
            Math.min(Runtime.getRuntime().availableProcessors(), ForkJoinPool.getCommonPoolParallelism() + 1);
    private static final SpinningHelpers HELPERS = SpinningHelpers.fromProperty(CORES - 1);

    private Parallel() {
    }

    /**
     * Runs {@code body} over {@code [0, n)} in up to {@link #CHUNKS_PER_CORE} chunks per core, each
     * at least {@link #THRESHOLD} of {@code n * costPerItem}; in one call when that leaves fewer than two.
     */
    static void forRange(int n, long costPerItem, Body body) {
        forRange(n, costPerItem, body, CORES);
    }

    /**
     * As {@link #forRange(int, long, Body)} on {@code cores} cores. One core runs everything in one
     * call: forking there only hands chunks to a pool thread that takes turns with the caller on the
     * same core (sigmoid of [64, 1024] under {@code taskset -c 0}: 82 us forked in 4 chunks, 55 in one).
     */
    static void forRange(int n, long costPerItem, Body body, int cores) {
        long work = (long) n * costPerItem;
        int chunks = (int) Math.min(Math.min((long) cores * CHUNKS_PER_CORE, n), work / THRESHOLD);
        if (chunks < 2 || cores < 2) {
            body.run(0, n);
            return;
        }
        if (cores == CORES && HELPERS.tryRun(n, chunks, body)) {
            return;
        }
        ForkJoinTask<?>[] forked = new ForkJoinTask<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            int start = bound(n, chunks, c);
            int end = bound(n, chunks, c + 1);
            forked[c - 1] = ForkJoinTask.adapt(() -> body.run(start, end)).fork();
        }
        body.run(0, bound(n, chunks, 1));
        for (int c = forked.length - 1; c >= 0; c--) {
            forked[c].join();
        }
    }

    static int bound(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }
}
