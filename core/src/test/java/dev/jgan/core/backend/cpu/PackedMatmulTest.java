package dev.jgan.core.backend.cpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packed matmul against the order it promises: each element of C summed in increasing k,
 * one fused multiply-add (one rounding) per step. Its results must equal, bit for bit, those of the
 * previous fast path ({@link BlockedMatmul}) and of the naive loop, on sizes that cut every
 * block and tile (1, primes, one past a tile, k below and above {@link PackedMatmul#KC}, m above
 * {@link PackedMatmul#MC_TILES} tiles, n above {@link PackedMatmul#NC}), with offsets and transposed
 * operands. Products deeper than one panel keep their running sums tile by tile in a buffer, at
 * offsets that hold only if every panel cuts the same chunks and blocks: 1100 x 260 x 300 has a
 * last panel of depth 4 (a split sized by each panel's depth would cut it differently), 8701 x 260
 * x 33 chunks of more than {@link PackedMatmul#MC_TILES} tiles on up to 16 cores, so blocks of
 * unequal tiles, 530 x 300 x 1030 more than one block of columns, and 200 x 512 x 70 a depth of
 * exactly two panels. An empty A or B (0 rows, 0 columns) writes nothing.
 */
class PackedMatmulTest {
    private static final String SIZES = """
            1, 1, 1
            1, 7, 1
            2, 3, 5
            6, 1, 32
            7, 2, 33
            13, 17, 19
            37, 131, 13
            61, 67, 71
            5, 257, 3
            97, 256, 65
            100, 513, 40
            3, 600, 1030
            130, 300, 1100
            250, 520, 70
            1100, 260, 300
            8701, 260, 33
            530, 300, 1030
            200, 512, 70
            0, 5, 3
            3, 5, 0
            """;

    /** Every packed configuration the engine can run: scalar and best kernel, one thread and threaded. */
    private static List<PackedMatmul> configurations() {
        return List.of(new PackedMatmul(ScalarMicroKernel.INSTANCE, false), new PackedMatmul(ScalarMicroKernel.INSTANCE, true),
                new PackedMatmul(MicroKernels.best(), false), PackedMatmul.DEFAULT);
    }

    @ParameterizedTest(name = "[{0} x {1}] @ [{1} x {2}]")
    @CsvSource(textBlock = SIZES)
    void rowMajorIsBitIdenticalToThePreviousFastPathAndTheNaiveLoop(int m, int k, int n) {
        Random random = new Random(31L * m + 7L * k + n);
        float[] a = gaussian(random, m * k);
        float[] b = gaussian(random, k * n);
        float[] previous = new float[m * n];
        BlockedMatmul.multiply(a, 0, b, 0, previous, 0, m, k, n);
        float[] naive = new float[m * n];
        MatmulRung.NAIVE.multiply(a, b, naive, m, k, n);
        assertArrayEquals(previous, naive, "the naive loop and BlockedMatmul sum in the same order");
        for (PackedMatmul packed : configurations()) {
            float[] c = filled(m * n, Float.NaN);
            packed.multiply(a, 0, k, 1, b, 0, n, 1, c, 0, m, k, n);
            assertArrayEquals(previous, c, packed.describe());
        }
    }

    @ParameterizedTest(name = "[{0} x {1}] @ [{1} x {2}]")
    @CsvSource(textBlock = SIZES)
    void transposedAndOffsetOperandsAreReadInPlace(int m, int k, int n) {
        Random random = new Random(17L * m + 5L * k + n);
        float[] a = gaussian(random, m * k);
        float[] b = gaussian(random, k * n);
        float[] expected = new float[m * n];
        BlockedMatmul.multiply(a, 0, b, 0, expected, 0, m, k, n);
        // A^T stored: at[p][i] = a[i][p], after 3 floats of something else; likewise B^T after 5.
        float[] at = new float[3 + m * k];
        float[] bt = new float[5 + k * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                at[3 + p * m + i] = a[i * k + p];
            }
        }
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                bt[5 + j * k + p] = b[p * n + j];
            }
        }
        for (PackedMatmul packed : configurations()) {
            float[] c = filled(2 + m * n, Float.NaN);
            packed.multiply(at, 3, 1, m, bt, 5, 1, k, c, 2, m, k, n);
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(c, 2, 2 + m * n), "A^T B^T, " + packed.describe());
            assertTrue(Float.isNaN(c[0]) && Float.isNaN(c[1]), "nothing written before the offset");
            float[] d = new float[m * n];
            packed.multiply(at, 3, 1, m, b, 0, n, 1, d, 0, m, k, n);
            assertArrayEquals(expected, d, "A^T B, " + packed.describe());
            packed.multiply(a, 0, k, 1, bt, 5, 1, k, d, 0, m, k, n);
            assertArrayEquals(expected, d, "A B^T, " + packed.describe());
        }
    }

    /**
     * x W^T with at most half as many rows in x as the depth runs as (W x^T)^T, W's rows read in
     * place: shapes of the MLP GAN's layers at batch 64, a W whose rows do not fill the last tile (n = 13,
     * 77), an x whose rows do not fill a tile of columns (33, 47), depths across one and two
     * panels, W's rows padded (row stride k + 3) and offsets, on every configuration, against the
     * plain loop's bits; special values included.
     */
    @ParameterizedTest(name = "[{0} x {1}] @ W^T, W [{2} x {1}]")
    @CsvSource({"64, 128, 256", "64, 1024, 784", "64, 513, 13", "33, 300, 77", "47, 257, 40", "32, 64, 8", "40, 600, 9"})
    void xTimesWTransposedWithFewRowsIsMadeTransposedWithTheSameBits(int m, int k, int n) {
        Random random = new Random(5L * m + 11L * k + n);
        int rowStride = k + 3;
        float[] x = gaussian(random, 2 + m * k);
        float[] w = gaussian(random, 4 + n * rowStride);
        x[2] = -0f;
        x[2 + k + 1] = Float.POSITIVE_INFINITY;
        w[4 + rowStride * (n - 1)] = Float.NaN;
        w[4 + 7] = Float.MIN_VALUE;
        float[] rowMajorX = java.util.Arrays.copyOfRange(x, 2, 2 + m * k);
        float[] rowMajorB = new float[k * n];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                rowMajorB[p * n + j] = w[4 + j * rowStride + p];
            }
        }
        float[] expected = new float[m * n];
        MatmulRung.NAIVE.multiply(rowMajorX, rowMajorB, expected, m, k, n);
        for (PackedMatmul packed : configurations()) {
            assertTrue(packed.multipliesTransposed(new PackedMatmul.Operand(w, 4, 0, 1, rowStride), m, k, n, 1),
                    packed.describe() + " takes the transposed product for these shapes");
            float[] c = filled(1 + m * n, Float.NaN);
            packed.multiply(x, 2, k, 1, w, 4, 1, rowStride, c, 1, m, k, n);
            assertTrue(Float.isNaN(c[0]), "nothing written before the offset");
            for (int i = 0; i < m * n; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(c[1 + i]),
                        packed.describe() + ", element " + i + ": " + expected[i] + " vs " + c[1 + i]);
            }
        }
    }

    @Test
    void specialValuesKeepTheirBits() {
        // -0 products (0 + -0 is +0 in every path), infinities, NaN, subnormals and overflow.
        int m = 7, k = 300, n = 37;
        Random random = new Random(3);
        float[] a = gaussian(random, m * k);
        float[] b = gaussian(random, k * n);
        a[0] = -0f;
        a[k] = Float.POSITIVE_INFINITY;
        a[2 * k + 5] = Float.NaN;
        b[3] = Float.MIN_VALUE;
        b[n + 4] = Float.MAX_VALUE;
        for (int p = 0; p < k; p++) {
            a[3 * k + p] = -0f;
        }
        float[] expected = new float[m * n];
        BlockedMatmul.multiply(a, 0, b, 0, expected, 0, m, k, n);
        for (PackedMatmul packed : configurations()) {
            float[] c = new float[m * n];
            packed.multiply(a, 0, k, 1, b, 0, n, 1, c, 0, m, k, n);
            for (int i = 0; i < c.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(c[i]),
                        packed.describe() + ", element " + i + ": " + expected[i] + " vs " + c[i]);
            }
        }
    }

    @ParameterizedTest(name = "{3} segments of [{0} x {1}] @ [{1} x {2}]")
    @CsvSource({"1, 1, 1, 3", "6, 1, 32, 64", "7, 16, 33, 64", "13, 17, 19, 5", "37, 100, 13, 9", "5, 256, 3, 4",
            "97, 64, 65, 20", "3, 20, 1030, 6", "130, 16, 1100, 3", "4, 7, 5, 1"})
    void segmentsHaveTheBitsOfOneProductPerSegmentAddedInOrder(int m, int k, int n, int segments) {
        Random random = new Random(13L * m + 7L * k + 3L * n + segments);
        // Segment s of A starts 3 + s * (m*k + 2) into its array; B's segments are stored transposed.
        int aSegment = m * k + 2;
        int bSegment = k * n + 1;
        float[] a = gaussian(random, 3 + segments * aSegment);
        float[] bt = gaussian(random, segments * bSegment);
        a[3] = -0f;
        a[3 + (segments - 1) * aSegment] = Float.POSITIVE_INFINITY;
        bt[bSegment - 2] = Float.MIN_VALUE;
        float[] expected = perSegmentProductsAdded(a, 3, aSegment, bt, bSegment, m, k, n, segments);
        for (PackedMatmul packed : configurations()) {
            float[] c = filled(1 + m * n, Float.NaN);
            packed.multiplySegments(new PackedMatmul.Operand(a, 3, aSegment, k, 1),
                    new PackedMatmul.Operand(bt, 0, bSegment, 1, k), c, 1, m, k, n, segments);
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(c, 1, 1 + m * n), packed.describe());
            assertTrue(Float.isNaN(c[0]), "nothing written before the offset");
        }
    }

    /**
     * A convolution's weight gradient, sum over images of g[n] cols[n]^T, is a segmented product
     * whose B is transposed: it runs as the transposed product too (asserted), each image's
     * product added onto the first in order; here against the per-image products added up,
     * with W rows that do not fill a tile (n = 77) and x rows that do not fill one (m = 33).
     */
    @ParameterizedTest(name = "{3} segments of [{0} x {1}] @ [{1} x {2}]")
    @CsvSource({"32, 64, 256, 64", "33, 16, 77, 9", "64, 256, 40, 3", "40, 2, 100, 50"})
    void segmentedWeightGradientsTakeTheTransposedProductWithTheSameBits(int m, int k, int n, int segments) {
        Random random = new Random(29L * m + 3L * k + n + segments);
        int aSegment = m * k + 1;
        int bSegment = k * n + 3;
        float[] a = gaussian(random, 2 + segments * aSegment);
        float[] bt = gaussian(random, segments * bSegment);
        float[] expected = perSegmentProductsAdded(a, 2, aSegment, bt, bSegment, m, k, n, segments);
        PackedMatmul.Operand b = new PackedMatmul.Operand(bt, 0, bSegment, 1, k);
        for (PackedMatmul packed : configurations()) {
            assertTrue(packed.multipliesTransposed(b, m, k, n, segments), packed.describe() + " takes the transposed product");
            float[] c = filled(m * n, Float.NaN);
            packed.multiplySegments(new PackedMatmul.Operand(a, 2, aSegment, k, 1), b, c, 0, m, k, n, segments);
            for (int i = 0; i < m * n; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(c[i]),
                        packed.describe() + ", element " + i + ": " + expected[i] + " vs " + c[i]);
            }
        }
    }

    @Test
    void emptyDepthGivesZeros() {
        float[] c = filled(6, Float.NaN);
        PackedMatmul.DEFAULT.multiply(new float[0], 0, 0, 1, new float[0], 0, 3, 1, c, 0, 2, 0, 3);
        assertArrayEquals(new float[6], c);
    }

    @ParameterizedTest
    @EnumSource(MatmulRung.class)
    void everyRungOfTheLadderMatchesTheReference(MatmulRung rung) {
        int m = 67, k = 301, n = 45;
        Random random = new Random(11);
        float[] a = gaussian(random, m * k);
        float[] b = gaussian(random, k * n);
        float[] c = new float[m * n];
        rung.multiply(a, b, c, m, k, n);
        float[] naive = new float[m * n];
        MatmulRung.NAIVE.multiply(a, b, naive, m, k, n);
        assertArrayEquals(naive, c, rung.describe());
        // And the naive loop itself within float32 rounding of a double-precision sum.
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0;
                double scale = 0;
                for (int p = 0; p < k; p++) {
                    exact += (double) a[i * k + p] * b[p * n + j];
                    scale += Math.abs((double) a[i * k + p] * b[p * n + j]);
                }
                assertEquals(exact, c[i * n + j], 1e-6 * k * scale / Math.sqrt(k) + 1e-30, rung + " at " + i + ", " + j);
            }
        }
    }

    /**
     * (1 + 2^-12)^2 - 1 is 2^-11 + 2^-24 exactly. A fused multiply-add keeps the 2^-24; a rounded
     * product (1 + 2^-11, the tie rounded to even) loses it. So every rung must give 2^-11 + 2^-24.
     */
    @ParameterizedTest
    @EnumSource(MatmulRung.class)
    void everyRungAddsWithOneRoundingPerStep(MatmulRung rung) {
        float x = 1 + 0x1p-12f;
        float[] c = new float[1];
        rung.multiply(new float[]{-1, x}, new float[]{1, x}, c, 1, 2, 1);
        assertEquals(0x1p-11f + 0x1p-24f, c[0], rung.describe());
    }

    @Test
    void vectorApiIsOnInTheBuild() {
        assertTrue(MicroKernels.VECTOR_API, "the JVM running the tests lacks --add-modules jdk.incubator.vector "
                + "(set in the parent pom's surefire argLine), so the SIMD kernel is untested");
        assertTrue(PackedMatmul.DEFAULT.describe().startsWith("vector"), PackedMatmul.DEFAULT.describe());
    }

    @Test
    void withoutTheModuleTheScalarKernelRunsAndTheVectorClassIsNeverLoaded() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-verbose:class", "-cp", System.getProperty("java.class.path"),
                ScalarFallbackProbe.class.getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        assertTrue(output.contains("kernel: scalar 4x4, threaded"), output);
        assertTrue(output.contains("matches: true"), output);
        assertTrue(output.contains("dev.jgan.core.backend.cpu.PackedMatmul "), "the probe did run PackedMatmul");
        assertTrue(!output.contains("dev.jgan.core.backend.cpu.Vector"), "a Vector API class was loaded without the module");
    }

    /**
     * The 6-row tile of AVX2 machines, run here by limiting the JVM to AVX2 (the tests' own JVM
     * takes the 8-row tile on AVX-512 and the 6-row one on AVX2, so each CPU tests one directly).
     */
    @Test
    void theAvx2TileGivesTheSameBits() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector", "-XX:UseAVX=2",
                "-cp", System.getProperty("java.class.path"), ScalarFallbackProbe.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        assertTrue(output.contains("kernel: vector FMA 6x16 (256-bit), threaded"), output);
        assertTrue(output.contains("matches: true"), output);
    }

    /**
     * The oracle of the segmented products: each segment's product made on its own
     * ({@link BlockedMatmul}; A's segment s at aOff + s * aSegment, B's stored transposed at
     * s * bSegment) and added onto the first in order.
     */
    private static float[] perSegmentProductsAdded(float[] a, int aOff, int aSegment, float[] bt, int bSegment, int m,
                                                   int k, int n, int segments) {
        float[] sum = new float[m * n];
        float[] product = new float[m * n];
        for (int s = 0; s < segments; s++) {
            float[] as = java.util.Arrays.copyOfRange(a, aOff + s * aSegment, aOff + s * aSegment + m * k);
            float[] bs = new float[k * n];
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    bs[p * n + j] = bt[s * bSegment + j * k + p];
                }
            }
            BlockedMatmul.multiply(as, 0, bs, 0, s == 0 ? sum : product, 0, m, k, n);
            for (int i = 0; s > 0 && i < m * n; i++) {
                sum[i] += product[i];
            }
        }
        return sum;
    }

    /**
     * Packed panels and running sums start where a cache line starts inside their buffer
     * ({@link CacheLines}), which depends on where the JVM put the buffer. Each round empties the
     * idle buffers and allocates 0 to 15 floats of padding first, so the products get fresh buffers
     * at other places; every path (one panel; running sums over three panels; a wide C whose chunks
     * pack their own B; x W^T with W read in place; a sum of segments' products) keeps the plain
     * loop's bits, and the products' buffers did start at different indices.
     */
    @Test
    void theBitsDoNotDependOnWhereThePackedDataStarts() {
        Random random = new Random(2024);
        int[][] shapes = {{100, 200, 70}, {100, 600, 70}, {24, 300, 1100}, {64, 300, 40}};
        int transposed = 3;
        float[][] as = new float[shapes.length][];
        float[][] bs = new float[shapes.length][];
        float[][] expected = new float[shapes.length][];
        for (int s = 0; s < shapes.length; s++) {
            int m = shapes[s][0], k = shapes[s][1], n = shapes[s][2];
            as[s] = gaussian(random, m * k);
            bs[s] = gaussian(random, k * n);
            expected[s] = new float[m * n];
            MatmulRung.NAIVE.multiply(as[s], bs[s], expected[s], m, k, n);
        }
        // Four segments of 130 x 50 x 70: more rows than the transposed product takes, so the usual order.
        int segmentM = 130, segmentK = 50, segmentN = 70, segments = 4;
        float[] segmentA = gaussian(random, segments * segmentM * segmentK);
        float[] segmentBt = gaussian(random, segments * segmentK * segmentN);
        float[] segmentsExpected = perSegmentProductsAdded(segmentA, 0, segmentM * segmentK, segmentBt,
                segmentK * segmentN, segmentM, segmentK, segmentN, segments);
        java.util.Set<Integer> starts = new java.util.HashSet<>();
        List<float[]> padding = new java.util.ArrayList<>();
        for (int pad = 0; pad < 16; pad++) {
            for (int i = 0; i < PackingScratch.KEPT; i++) {
                float[] idle = PackingScratch.borrow(1);
                // The last round's products' buffers; a buffer of one float is a new one, made here.
                if (idle.length > 1) {
                    starts.add(CacheLines.firstAligned(idle));
                }
            }
            padding.add(new float[pad]);
            for (PackedMatmul packed : List.of(new PackedMatmul(MicroKernels.best(), false), PackedMatmul.DEFAULT)) {
                for (int s = 0; s < shapes.length; s++) {
                    int m = shapes[s][0], k = shapes[s][1], n = shapes[s][2];
                    float[] c = filled(m * n, Float.NaN);
                    if (s == transposed) {
                        // x W^T: W stored [n, k], read transposed.
                        float[] w = new float[n * k];
                        for (int p = 0; p < k; p++) {
                            for (int j = 0; j < n; j++) {
                                w[j * k + p] = bs[s][p * n + j];
                            }
                        }
                        assertTrue(packed.multipliesTransposed(new PackedMatmul.Operand(w, 0, 0, 1, k), m, k, n, 1));
                        packed.multiply(as[s], 0, k, 1, w, 0, 1, k, c, 0, m, k, n);
                    } else {
                        packed.multiply(as[s], 0, k, 1, bs[s], 0, n, 1, c, 0, m, k, n);
                    }
                    assertArrayEquals(expected[s], c, packed.describe() + ", " + m + " x " + k + " x " + n
                            + " after " + pad + " floats of padding");
                }
                float[] c = filled(segmentM * segmentN, Float.NaN);
                packed.multiplySegments(new PackedMatmul.Operand(segmentA, 0, segmentM * segmentK, segmentK, 1),
                        new PackedMatmul.Operand(segmentBt, 0, segmentK * segmentN, 1, segmentK), c, 0, segmentM,
                        segmentK, segmentN, segments);
                assertArrayEquals(segmentsExpected, c, packed.describe() + ", " + segments + " segments after " + pad
                        + " floats of padding");
            }
        }
        if (CacheLines.readsLayout()) {
            assertTrue(starts.size() >= 4, "the buffers started at only " + starts + " of 16 indices");
        }
    }

    private static float[] gaussian(Random random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    private static float[] filled(int size, float value) {
        float[] x = new float[size];
        java.util.Arrays.fill(x, value);
        return x;
    }
}
