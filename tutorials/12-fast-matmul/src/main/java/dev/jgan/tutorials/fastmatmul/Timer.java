package dev.jgan.tutorials.fastmatmul;

import java.util.Arrays;

/**
 * Seconds per call of a piece of work: one untimed call (more while under {@link #WARMUP_SECONDS},
 * so that HotSpot has compiled the loops, the Vector API ones above all, whose uncompiled form
 * is a hundred times slower), then samples of at least {@code sampleSeconds} each; the median
 * sample, which one slowed-down sample on a shared machine does not move.
 */
final class Timer {
    static final double WARMUP_SECONDS = 0.5;

    private Timer() {
    }

    static double secondsPerCall(Runnable work, int samples, double sampleSeconds) {
        long warmupEnd = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9 * Math.min(1, sampleSeconds * 20));
        do {
            work.run();
        } while (System.nanoTime() < warmupEnd);
        double[] perCall = new double[samples];
        for (int s = 0; s < samples; s++) {
            long start = System.nanoTime();
            int calls = 0;
            do {
                work.run();
                calls++;
            } while (System.nanoTime() - start < sampleSeconds * 1e9);
            perCall[s] = (System.nanoTime() - start) / 1e9 / calls;
        }
        Arrays.sort(perCall);
        return perCall[samples / 2];
    }
}
