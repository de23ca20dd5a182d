package dev.jgan.benchmarks.compare;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Times one workload the way {@code compare_pytorch.py} times PyTorch: run it for a warm-up
 * period, pick a number of calls per sample that lasts at least {@link #MIN_SAMPLE_NANOS}, take
 * {@link #SAMPLES} samples, report the median time per call. The median, not the mean, because
 * the machine is shared: a sample that another process interrupted should not move the result.
 *
 * <p>The warm-up is long because of the JIT: the Vector API matmul runs a hundred times slower
 * before C2 has compiled it. It lasts {@link #WARMUP_NANOS} of wall time and of the process's
 * CPU time (on a busy machine a second of wall time can pass with the compiler threads barely
 * run), counted from the end of the first call: the first 1024 x 1024 product alone takes about
 * a second, interpreted, and a warm-up that counted it ended after two calls and timed the
 * product at twice its compiled time (26 against 12 ms, on an idle machine).
 */
final class MedianTimer {
    static final int SAMPLES = 11;
    private static final long WARMUP_NANOS = 3_000_000_000L;
    private static final long MIN_SAMPLE_NANOS = 20_000_000L;
    /** The step rule's warm-up (see {@link #secondsPerStep}); compare_pytorch.py uses the same numbers. */
    static final int STEP_WARMUP_CALLS = 2;
    static final long STEP_WARMUP_NANOS = 5_000_000_000L;
    private static final long STEP_SAMPLING_NANOS = 3_000_000_000L;

    private MedianTimer() {
    }

    /** Median seconds per call of {@code work}. */
    static double secondsPerCall(Runnable work) {
        work.run();
        long warmupStart = System.nanoTime();
        long cpuStart = processCpuNanos();
        long calls = 0;
        while (System.nanoTime() - warmupStart < WARMUP_NANOS
                || (cpuStart >= 0 && processCpuNanos() - cpuStart < WARMUP_NANOS)) {
            work.run();
            calls++;
        }
        long perCall = Math.max(1, (System.nanoTime() - warmupStart) / Math.max(1, calls));
        int callsPerSample = (int) Math.max(1, MIN_SAMPLE_NANOS / perCall);
        double[] samples = new double[SAMPLES];
        for (int s = 0; s < SAMPLES; s++) {
            long start = System.nanoTime();
            for (int c = 0; c < callsPerSample; c++) {
                work.run();
            }
            samples[s] = (System.nanoTime() - start) * 1e-9 / callsPerSample;
        }
        Arrays.sort(samples);
        return samples[SAMPLES / 2];
    }

    /** CPU nanoseconds this process has used (all threads, the JIT's included); -1 where the JVM cannot tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /**
     * For a training step: one untimed step, then more until at least {@link #STEP_WARMUP_CALLS}
     * ran and {@link #STEP_WARMUP_NANOS} of wall and of process CPU time have passed (the first
     * step, mostly interpreted, does not count, as in {@link #secondsPerCall}), then the median of
     * single steps, as many as fit in {@link #STEP_SAMPLING_NANOS} (between 3 and
     * {@link #SAMPLES}). A fixed count of two warm-up steps, as before, left the MLP-GAN step
     * (tens of milliseconds, dozens of small kernels) timed while C2 was still compiling: on
     * the loaded 2-core machine its third to fifth steps took twice as long as its fortieth.
     */
    static double secondsPerStep(Runnable work) {
        work.run();
        long warmupStart = System.nanoTime();
        long cpuStart = processCpuNanos();
        int calls = 0;
        while (calls < STEP_WARMUP_CALLS || System.nanoTime() - warmupStart < STEP_WARMUP_NANOS
                || (cpuStart >= 0 && processCpuNanos() - cpuStart < STEP_WARMUP_NANOS)) {
            work.run();
            calls++;
        }
        long perCall = (System.nanoTime() - warmupStart) / calls;
        int samples = (int) Math.max(3, Math.min(SAMPLES, STEP_SAMPLING_NANOS / Math.max(1, perCall)));
        double[] times = new double[samples];
        for (int s = 0; s < samples; s++) {
            long start = System.nanoTime();
            work.run();
            times[s] = (System.nanoTime() - start) * 1e-9;
        }
        Arrays.sort(times);
        return times[samples / 2];
    }
}
