package dev.jgan.tutorials.fastmatmul;

import dev.jgan.core.backend.cpu.MatmulRung;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Runs rungs of the matmul ladder on one shape: each rung's result is compared with the naive
 * loop's, bit for bit, and with a double-precision sum, relative to the size of the terms; then
 * it is timed.
 */
final class Ladder {
    /**
     * One rung at one shape.
     *
     * @param sameBits      true when every element equals the naive loop's, bit for bit
     * @param relativeError the largest |c - exact| / sum_p |a b| over the elements, exact being the sum in double
     */
    record Cell(MatmulRung rung, int m, int k, int n, Timer.Measurement time, boolean sameBits, double relativeError) {
        /** By the wall clock: what a user waits for. */
        double gflops() {
            return 2.0 * m * k * n / time.wallSeconds() / 1e9;
        }

        /** Per second of CPU time, all threads together: what the rung gets from each core it is given. */
        double gflopsPerCpuSecond() {
            return 2.0 * m * k * n / time.cpuSeconds() / 1e9;
        }
    }

    private Ladder() {
    }

    /**
     * Runs each packed rung on a 128^3 product for cpuSeconds of CPU time before anything is
     * timed, so that the first, smallest sizes do not time the Vector API before C2 compiled it.
     */
    static void warmUp(List<MatmulRung> rungs, double cpuSeconds) {
        int n = 128;
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        float[] c = new float[n * n];
        java.util.Arrays.fill(a, 1f);
        java.util.Arrays.fill(b, 1f);
        for (MatmulRung rung : rungs) {
            if (rung.compareTo(MatmulRung.REGISTER_TILE) >= 0) {
                Timer.warmUp(() -> rung.multiply(a, b, c, n, n, n), cpuSeconds);
            }
        }
    }

    static List<Cell> run(List<MatmulRung> rungs, int m, int k, int n, Budget budget) {
        Random random = new Random(1000L * m + 10L * k + n);
        float[] a = gaussian(random, m * k);
        float[] b = gaussian(random, k * n);
        float[] naive = new float[m * n];
        MatmulRung.NAIVE.multiply(a, b, naive, m, k, n);
        float[] scale = termScale(a, b, m, k, n);
        double[] exact = exactProduct(a, b, m, k, n);
        List<Cell> cells = new ArrayList<>();
        for (MatmulRung rung : rungs) {
            float[] c = new float[m * n];
            rung.multiply(a, b, c, m, k, n);
            boolean sameBits = java.util.Arrays.equals(naive, c);
            double error = 0;
            for (int i = 0; i < c.length; i++) {
                error = Math.max(error, Math.abs(c[i] - exact[i]) / scale[i]);
            }
            Timer.Measurement time = Timer.measure(() -> rung.multiply(a, b, c, m, k, n), budget.samples(),
                    budget.sampleSeconds());
            cells.add(new Cell(rung, m, k, n, time, sameBits, error));
        }
        return cells;
    }

    /** The product summed in double: exact to about 1e-16, the yardstick for float32's rounding. */
    private static double[] exactProduct(float[] a, float[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += aip * b[p * n + j];
                }
            }
        }
        return c;
    }

    /** sum_p |a[i][p] b[p][j]| for each element, the size against which a rounding difference is judged. */
    private static float[] termScale(float[] a, float[] b, int m, int k, int n) {
        float[] absA = new float[a.length];
        float[] absB = new float[b.length];
        for (int i = 0; i < a.length; i++) {
            absA[i] = Math.abs(a[i]);
        }
        for (int i = 0; i < b.length; i++) {
            absB[i] = Math.abs(b[i]);
        }
        float[] scale = new float[m * n];
        MatmulRung.SIMD_THREADED.multiply(absA, absB, scale, m, k, n);
        return scale;
    }

    private static float[] gaussian(Random random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
