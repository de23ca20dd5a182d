package dev.jgan.core.backend.cpu;

import java.util.Arrays;
import java.util.Random;

/**
 * Run by {@link PackedMatmulTest} in a JVM of another configuration (without the Vector API
 * module, or limited to AVX2): the default matmul must give the previous fast path's bits there
 * too, on shapes that cut every tile, with B row-major and read through a transposed view.
 */
final class ScalarFallbackProbe {
    private ScalarFallbackProbe() {
    }

    public static void main(String[] args) {
        boolean matches = true;
        for (int[] shape : new int[][]{{50, 300, 70}, {7, 513, 33}, {130, 64, 1100}}) {
            int m = shape[0], k = shape[1], n = shape[2];
            Random random = new Random(5);
            float[] a = new float[m * k];
            float[] b = new float[k * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) random.nextGaussian();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) random.nextGaussian();
            }
            float[] fast = new float[m * n];
            PackedMatmul.DEFAULT.multiply(a, 0, k, 1, b, 0, n, 1, fast, 0, m, k, n);
            float[] previous = new float[m * n];
            BlockedMatmul.multiply(a, 0, b, 0, previous, 0, m, k, n);
            matches &= Arrays.equals(fast, previous);
            // B read through a transposed view, as a linear layer reads its weight: the gather's packing.
            float[] bt = new float[k * n];
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    bt[j * k + p] = b[p * n + j];
                }
            }
            float[] transposed = new float[m * n];
            PackedMatmul.DEFAULT.multiply(a, 0, k, 1, bt, 0, 1, k, transposed, 0, m, k, n);
            matches &= Arrays.equals(transposed, previous);
        }
        System.out.println("kernel: " + PackedMatmul.DEFAULT.describe());
        System.out.println("matches: " + matches);
    }
}
