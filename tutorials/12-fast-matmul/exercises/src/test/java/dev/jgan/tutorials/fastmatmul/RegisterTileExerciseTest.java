package dev.jgan.tutorials.fastmatmul;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.cpu.MatmulRung;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Exercise 12: the 4 x 8 register tile returns the naive loop's bits, at sizes that fill no tile too. */
class RegisterTileExerciseTest {
    @ParameterizedTest(name = "{0} x {1} x {2}")
    @CsvSource({"1, 1, 1", "4, 5, 8", "3, 7, 5", "13, 17, 29", "33, 100, 47", "64, 64, 64"})
    void sameBitsAsTheNaiveLoop(int m, int k, int n) {
        float[] a = Tensor.randn(new Generator(12L * m + k), m, k).toFloatArray();
        float[] b = Tensor.randn(new Generator(7L * n + k), k, n).toFloatArray();
        float[] naive = new float[m * n];
        MatmulRung.NAIVE.multiply(a, b, naive, m, k, n);
        float[] tiled = new float[m * n];
        java.util.Arrays.fill(tiled, Float.NaN);
        RegisterTile4x8.multiply(a, b, tiled, m, k, n);
        // assertArrayEquals on float[] compares floatToIntBits: bit for bit, NaN left behind included.
        assertArrayEquals(naive, tiled, () -> m + " x " + k + " x " + n + ": the 4x8 tile differs from the naive loop");
        System.out.printf("exercise 12: 4x8 register tile, %d x %d x %d: same bits as the naive loop%n", m, k, n);
    }
}
