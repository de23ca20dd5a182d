package dev.jgan.core.random;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The random stream seen through tensors: it must depend only on (seed, position), so that a
 * run can be resumed from a stored offset and a GPU can compute the same numbers in any order;
 * and its numbers must look uniform or normal to simple statistics.
 */
class GeneratorStreamTest {
    private static final int N = 100_000;

    @ParameterizedTest
    @EnumSource(DType.class)
    void drawingInPiecesEqualsDrawingAtOnce(DType dtype) {
        Generator pieces = new Generator(42);
        Tensor first = Tensor.uniform(pieces, dtype, 0, 1, 10);
        Tensor second = Tensor.uniform(pieces, dtype, 0, 1, 10);
        assertEquals(20, pieces.offset());
        Tensor whole = Tensor.uniform(new Generator(42), dtype, 0, 1, 20);
        assertArrayEquals(whole.toDoubleArray(), Tensor.concat(List.of(first, second), 0).toDoubleArray());

        // A generator started at offset 10 resumes exactly where the first draw stopped.
        assertArrayEquals(second.toDoubleArray(), Tensor.uniform(new Generator(42, 10), dtype, 0, 1, 10).toDoubleArray());
        // The shape does not matter, only the positions: a 4x5 draw is the 20 numbers in row-major order.
        assertArrayEquals(whole.toDoubleArray(), Tensor.uniform(new Generator(42), dtype, 0, 1, 4, 5).toDoubleArray());

        Generator normalPieces = new Generator(7, 3);
        Tensor n1 = Tensor.normal(normalPieces, dtype, 0, 1, 3);
        Tensor n2 = Tensor.normal(normalPieces, dtype, 0, 1, 2, 2);
        Tensor nWhole = Tensor.normal(new Generator(7, 3), dtype, 0, 1, 7);
        assertArrayEquals(nWhole.toDoubleArray(), Tensor.concat(List.of(n1, n2.flatten()), 0).toDoubleArray());
    }

    @Test
    void seedsAndPositionsGiveDifferentNumbers() {
        double[] a = Tensor.rand(new Generator(1), 1000).toDoubleArray();
        double[] b = Tensor.rand(new Generator(2), 1000).toDoubleArray();
        double[] c = Tensor.rand(new Generator(1, 1), 1000).toDoubleArray();
        int sameAsB = 0;
        int sameAsC = 0;
        for (int i = 0; i < a.length; i++) {
            sameAsB += a[i] == b[i] ? 1 : 0;
            sameAsC += a[i] == c[i] ? 1 : 0;
        }
        // float32 uniforms have 2^24 values, so a handful of chance collisions would be fine.
        assertTrue(sameAsB < 5 && sameAsC < 5, sameAsB + " " + sameAsC);
        // Shifting by one position is a shift of the stream, not a new stream.
        assertArrayEquals(java.util.Arrays.copyOfRange(a, 1, 1000), java.util.Arrays.copyOfRange(c, 0, 999));
    }

    /**
     * The contract every backend must meet (see Backend.philoxUniform): element i of a draw at
     * offset o is a function of the Philox block at counter o + i alone.
     */
    @Test
    void elementIUsesTheBlockAtOffsetPlusI() {
        long seed = 0x123456789abcdefL;
        Generator g = new Generator(seed, 1L << 33);
        float[] floats = Tensor.rand(g, 5).toFloatArray();
        double[] doubles = Tensor.uniform(g, DType.FLOAT64, 0, 1, 5).toDoubleArray();
        double[] normals = Tensor.normal(g, DType.FLOAT64, 0, 1, 5).toDoubleArray();
        int[] block = new int[4];
        for (int i = 0; i < 5; i++) {
            Philox.block(seed, (1L << 33) + i, block);
            assertEquals(Philox.uniformFloat(block[0]), floats[i]);
            Philox.block(seed, (1L << 33) + 5 + i, block);
            assertEquals(Philox.uniformDouble(block[0], block[1]), doubles[i]);
            Philox.block(seed, (1L << 33) + 10 + i, block);
            assertEquals(Philox.boxMuller(block), normals[i]);
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void uniformLooksUniformOnZeroOne(DType dtype) {
        Tensor u = Tensor.uniform(new Generator(2024), dtype, 0, 1, N);
        assertEquals(dtype, u.dtype());
        double[] v = u.toDoubleArray();
        int[] bins = new int[20];
        for (double x : v) {
            assertTrue(x >= 0 && x < 1, "outside [0, 1): " + x);
            bins[(int) (x * bins.length)]++;
        }
        // Five standard errors: the mean of U(0,1) has sd sqrt(1/12/N), its sample variance
        // sd sqrt((1/80 - 1/144)/N).
        assertEquals(0.5, mean(v), 5 * Math.sqrt(1.0 / 12 / N));
        assertEquals(1.0 / 12, variance(v), 5 * Math.sqrt((1.0 / 80 - 1.0 / 144) / N));
        // Pearson's chi-square over 20 equal bins; 57.37 is the 1 - 1e-5 quantile for 19 dof.
        double expected = (double) N / bins.length;
        double chi2 = 0;
        for (int count : bins) {
            chi2 += (count - expected) * (count - expected) / expected;
        }
        assertTrue(chi2 < 57.37, "chi-square " + chi2);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void uniformScalesToLowHigh(DType dtype) {
        double[] v = Tensor.uniform(new Generator(5), dtype, -3, -1, 10_000).toDoubleArray();
        for (double x : v) {
            assertTrue(x >= -3 && x < -1, "outside [-3, -1): " + x);
        }
        assertEquals(-2, mean(v), 5 * Math.sqrt(4.0 / 12 / 10_000));
    }

    /**
     * Seed 0, position 38471471 is the first place in that stream where the uniform word has its
     * top 24 bits set, so u = 1 - 2^-24, the largest float32 uniform. Scaled into [1, 2) it
     * rounds to 2.0f unless the kernel keeps it below high.
     */
    @Test
    void float32UniformNeverReachesHigh() {
        long position = 38_471_471L;
        int[] block = new int[4];
        Philox.block(0, position, block);
        assertEquals(0x1.fffffep-1f, Philox.uniformFloat(block[0]), "the chosen position must give the largest u");

        float top = Tensor.uniform(new Generator(0, position), DType.FLOAT32, 1, 2, 1).toFloatArray()[0];
        assertEquals(Math.nextDown(2f), top);
        float narrow = Tensor.uniform(new Generator(0, position), DType.FLOAT32, 0.25, 0.1 + 0.25, 1).toFloatArray()[0];
        assertTrue(narrow < 0.1 + 0.25, "high that is not a float: " + narrow);
        assertEquals(0x1.fffffep-1f, Tensor.rand(new Generator(0, position), 1).toFloatArray()[0], "[0, 1) is untouched");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void normalHasMeanZeroAndVarianceOne(DType dtype) {
        Tensor z = Tensor.normal(new Generator(99), dtype, 0, 1, N);
        assertEquals(dtype, z.dtype());
        double[] v = z.toDoubleArray();
        // Mean has sd 1/sqrt(N); the sample variance of a normal has sd sqrt(2/N).
        assertEquals(0, mean(v), 5 / Math.sqrt(N));
        assertEquals(1, variance(v), 5 * Math.sqrt(2.0 / N));
        int withinOne = 0;
        for (double x : v) {
            assertFalse(Double.isNaN(x) || Double.isInfinite(x), "not finite: " + x);
            withinOne += Math.abs(x) < 1 ? 1 : 0;
        }
        double p = 0.6826894921370859; // P(|Z| < 1)
        assertEquals(p, (double) withinOne / N, 5 * Math.sqrt(p * (1 - p) / N));

        double[] shifted = Tensor.normal(new Generator(99), dtype, 3, 2, N).toDoubleArray();
        assertEquals(3, mean(shifted), 5 * 2 / Math.sqrt(N));
        assertEquals(4, variance(shifted), 5 * 4 * Math.sqrt(2.0 / N));
    }

    @Test
    void generatorRejectsNegativeOffsetsAndBadParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Generator(1, -1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.uniform(new Generator(1), DType.FLOAT32, 1, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.normal(new Generator(1), DType.FLOAT32, 0, -1, 3));
        Generator g = new Generator(1);
        assertThrows(IllegalArgumentException.class, () -> Tensor.uniform(g, DType.FLOAT32, 1, 0, 3));
        assertEquals(0, g.offset(), "a refused draw must not use up stream positions");
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double variance(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / (v.length - 1);
    }
}
