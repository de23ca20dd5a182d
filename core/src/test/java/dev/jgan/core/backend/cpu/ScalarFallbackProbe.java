package dev.jgan.core.backend.cpu;

import java.util.Arrays;
import java.util.Random;

/** Run by {@link PackedMatmulTest} in a JVM without the Vector API module: the default matmul must still work. */
final class ScalarFallbackProbe {
    private ScalarFallbackProbe() {
    }

    public static void main(String[] args) {
        int m = 50, k = 300, n = 70;
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
        System.out.println("kernel: " + PackedMatmul.DEFAULT.describe());
        System.out.println("matches: " + Arrays.equals(fast, previous));
    }
}
