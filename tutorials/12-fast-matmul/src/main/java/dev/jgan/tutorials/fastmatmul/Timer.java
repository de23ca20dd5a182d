package dev.jgan.tutorials.fastmatmul;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Arrays;

/**
 * Time per call of a piece of work, by two clocks. The wall clock is what a user waits: the
 * median of the samples, which one slowed-down sample does not move. The CPU clock is the CPU
 * time of the whole process (all its threads) over all samples, divided by the calls: on a
 * machine shared with other processes it counts only the cycles this one got, so it shows what
 * a kernel does per core even when the wall clock is mostly waiting for a turn.
 *
 * <p>Before the samples, untimed calls until the process has used {@link #WARMUP_SECONDS} of
 * CPU time, so that HotSpot has compiled the loops (the Vector API ones above all, whose
 * uncompiled form is a hundred times slower). CPU time, not wall time: on a busy machine a
 * wall-clock warm-up can pass without the compiler threads getting a turn. A call that takes
 * more than {@link #SLOW_CALL_SECONDS} is timed once and that is the measurement: the naive
 * loop at 1024 would otherwise take minutes.
 */
final class Timer {
    static final double WARMUP_SECONDS = 0.5;
    static final double SLOW_CALL_SECONDS = 2.0;

    /** Seconds per call by the wall clock (median sample) and by the process's CPU time. */
    record Measurement(double wallSeconds, double cpuSeconds) {
    }

    private Timer() {
    }

    static Measurement measure(Runnable work, int samples, double sampleSeconds) {
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        work.run();
        double first = (System.nanoTime() - wall0) / 1e9;
        if (first > SLOW_CALL_SECONDS) {
            return new Measurement(first, (processCpuNanos() - cpu0) / 1e9);
        }
        warmUp(work, WARMUP_SECONDS * Math.min(1, sampleSeconds * 20));
        double[] perCall = new double[samples];
        long calls = 0;
        long cpuStart = processCpuNanos();
        for (int s = 0; s < samples; s++) {
            long start = System.nanoTime();
            int sampleCalls = 0;
            do {
                work.run();
                sampleCalls++;
            } while (System.nanoTime() - start < sampleSeconds * 1e9);
            perCall[s] = (System.nanoTime() - start) / 1e9 / sampleCalls;
            calls += sampleCalls;
        }
        double cpu = (processCpuNanos() - cpuStart) / 1e9 / calls;
        Arrays.sort(perCall);
        return new Measurement(perCall[samples / 2], cpu);
    }

    /** Runs work until the process has used cpuSeconds more CPU time (all threads, the JIT's included). */
    static void warmUp(Runnable work, double cpuSeconds) {
        long end = processCpuNanos() + (long) (cpuSeconds * 1e9);
        do {
            work.run();
        } while (processCpuNanos() < end);
    }

    /** CPU nanoseconds used by this process so far, or -1 where the JVM does not say. */
    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean hotspot ? hotspot.getProcessCpuTime() : -1;
    }
}
