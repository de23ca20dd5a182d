package dev.jgan.tutorials.fastmatmul;

import dev.jgan.core.backend.cpu.MatmulRung;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * The two ceilings of the roofline model: how many float operations per second the cores can
 * do, and how many bytes per second memory can deliver. A kernel that does I flops per byte it
 * moves cannot run faster than {@code min(peak, I * bandwidth)}.
 *
 * @param cores        cores the JVM may use
 * @param lanes        floats per SIMD register (the Vector API's preferred width here)
 * @param fmaUnits     fused multiply-add units per core (2 on x86 cores since Haswell and Zen 2)
 * @param gigahertz    the clock the kernel reports in /proc/cpuinfo (NaN where it is not there)
 * @param bandwidthGBs the measured memory bandwidth, GB/s (10^9 bytes)
 */
record Roofline(int cores, int lanes, int fmaUnits, double gigahertz, double bandwidthGBs) {
    /** Two FMA units per core: Intel since Haswell (2013), AMD since Zen 2 (2019). Not something Java can ask. */
    static final int FMA_UNITS = 2;

    static Roofline measure(int streamFloats) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new Roofline(cores, MatmulRung.vectorLanes(), FMA_UNITS, clockGigahertz(), triadGBs(streamFloats, cores));
    }

    /** cores x lanes x FMA units x 2 flops per FMA x clock, in GFLOP/s. */
    double peakGflops() {
        return cores * lanes * fmaUnits * 2 * gigahertz;
    }

    /** The most a kernel with this many flops per byte of memory traffic can reach, GFLOP/s. */
    double attainableGflops(double flopsPerByte) {
        return Math.min(peakGflops(), flopsPerByte * bandwidthGBs);
    }

    /**
     * flops per byte of C = A B when each operand crosses memory once: 2 m k n flops over
     * 4 (m k + k n + m n) bytes. The best any kernel can do; the naive loop moves far more.
     */
    static double flopsPerByte(int m, int k, int n) {
        return 2.0 * m * k * n / (4.0 * ((double) m * k + (double) k * n + (double) m * n));
    }

    /**
     * A STREAM-like triad, {@code a[i] = b[i] + 3 c[i]}, split across the cores, on arrays far
     * larger than the caches: 12 bytes of traffic per element (two reads, one write). The best of
     * five passes after one untimed pass.
     */
    static double triadGBs(int floats, int cores) {
        float[] a = new float[floats];
        float[] b = new float[floats];
        float[] c = new float[floats];
        java.util.Arrays.fill(b, 1f);
        java.util.Arrays.fill(c, 2f);
        double best = Double.MAX_VALUE;
        for (int pass = 0; pass < 6; pass++) {
            long start = System.nanoTime();
            IntStream.range(0, cores).parallel().forEach(t -> {
                int from = (int) ((long) floats * t / cores);
                int to = (int) ((long) floats * (t + 1) / cores);
                for (int i = from; i < to; i++) {
                    a[i] = b[i] + 3f * c[i];
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            if (pass > 0) {
                best = Math.min(best, seconds);
            }
        }
        if (a[floats - 1] != 7f) {
            throw new IllegalStateException("triad: a[last] = " + a[floats - 1] + ", expected 7");
        }
        return 12.0 * floats / best / 1e9;
    }

    /** The first "cpu MHz" of /proc/cpuinfo in GHz: on a VM the host's nominal clock, on a laptop the current one. */
    private static double clockGigahertz() {
        Path info = Path.of("/proc/cpuinfo");
        try {
            for (String line : Files.readAllLines(info)) {
                if (line.startsWith("cpu MHz")) {
                    return Double.parseDouble(line.substring(line.indexOf(':') + 1).trim()) / 1000;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
