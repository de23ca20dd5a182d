package dev.jgan.tutorials.convolution;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Arrays;

/**
 * Time taken by a piece of work: a few untimed runs first, so that HotSpot has compiled the hot
 * loops and the arrays have been touched, then the timed runs. Two clocks: the median wall time,
 * which one run slowed down by a garbage collection does not move, and the mean CPU time of the
 * whole process (all its threads), which on a machine shared with other processes counts only
 * the cycles this one got. The operating system counts CPU time in ticks of about 10 ms, so it
 * is taken over all timed runs together and divided; where those used less than
 * {@link #MIN_CPU_NANOS}, the work runs again, untimed, until they have, since a run that
 * fits in one tick reads 0 ms and a ratio of CPU times would be infinite.
 */
final class Stopwatch {
    /** Milliseconds per run: median wall time, mean CPU time (NaN where the JVM cannot tell). */
    record Result(double wallMillis, double cpuMillis) {
    }

    /** The least process CPU time a mean is taken over: ten ticks of the clock, so within a tenth. */
    static final long MIN_CPU_NANOS = 100_000_000L;
    /** The most wall time the extra runs for the CPU clock may take (for work that uses no CPU). */
    private static final long MAX_EXTRA_NANOS = 5_000_000_000L;

    private Stopwatch() {
    }

    static Result measure(Runnable work, int warmups, int repeats) {
        if (warmups < 0 || repeats < 1) {
            throw new IllegalArgumentException("Stopwatch.measure: warmups " + warmups + " must be >= 0 and repeats "
                    + repeats + " >= 1");
        }
        for (int i = 0; i < warmups; i++) {
            work.run();
        }
        double[] millis = new double[repeats];
        long cpuStart = processCpuNanos();
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            work.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        long cpuEnd = processCpuNanos();
        int cpuRuns = repeats;
        long extraUntil = System.nanoTime() + MAX_EXTRA_NANOS;
        while (cpuStart >= 0 && cpuEnd >= 0 && cpuEnd - cpuStart < MIN_CPU_NANOS && System.nanoTime() < extraUntil) {
            work.run();
            cpuRuns++;
            cpuEnd = processCpuNanos();
        }
        Arrays.sort(millis);
        double median = repeats % 2 == 1 ? millis[repeats / 2] : (millis[repeats / 2 - 1] + millis[repeats / 2]) / 2;
        double cpu = cpuStart < 0 || cpuEnd < 0 ? Double.NaN : (cpuEnd - cpuStart) / 1e6 / cpuRuns;
        return new Result(median, cpu);
    }

    /** CPU nanoseconds used by this process so far, or -1 where the JVM does not say. */
    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean hotspot ? hotspot.getProcessCpuTime() : -1;
    }
}
