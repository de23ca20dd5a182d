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
     * Below this much work (items times their cost), handing a share to another thread costs more
     * than it saves: 2^14 float additions, two or three microseconds of one core. It was 2^16
     * while every split woke a parked fork-join worker; with {@link SpinningHelpers}, measured in
     * alternating runs (CompareMain, 2-core Xeon): add of [64, 1024] 7.7/7.8 us at 2^16, 5.2/6.7
     * at 2^14, 6.7/9.3 at 2^13; sum over dim 1 14 -> 8 us; an MLP-GAN step 16.0/14.9 -> 14.2/13.8 ms.
     */
    static final long THRESHOLD = 1L << 14;
    /**
     * Chunks per core when there is enough work: slack for cores that other processes slow down.
     * Each chunk is at least {@link #THRESHOLD} of work: every chunk costs two updates of counters
     * that both cores write, and with chunks of half that, ops of [64, 1024] ran in eight pieces of
     * about a microsecond (alternating CompareMain runs, 2-core Xeon, three pairs: add 9.7/6.2/6.5
     * -> 8.8/4.6/5.2 us, bias mul 9.1/6.2/7.4 -> 7.8/5.1/5.2, leakyRelu 9.6/7.2/6.1 -> 7.4/4.4/4.5;
     * the matmuls, the DCGAN step and the end-to-end epoch unchanged).
     */
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
     * Runs {@code body} over {@code [0, n)}, in one call unless {@code n * costPerItem} is above
     * {@link #THRESHOLD}, else in up to {@link #CHUNKS_PER_CORE} chunks per core, each at least
     * {@code THRESHOLD}.
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
        if (work <= THRESHOLD || chunks < 2 || cores < 2) {
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
