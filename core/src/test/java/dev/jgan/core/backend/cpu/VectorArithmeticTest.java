package dev.jgan.core.backend.cpu;

import dev.jgan.core.backend.BinaryOp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link VectorArithmetic}'s loops give the scalar loops' bits (NaN compared as NaN), at offsets
 * that differ between the arrays and lengths that leave a tail, on values that probe signed
 * zeros, underflow, overflow, infinities and NaN.
 */
class VectorArithmeticTest {
    private static final float[] SPECIAL = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -1e-40f, 1e-30f, -1e-30f,
        1f, -1f, 3.5f, -2.25f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.NaN, 0.1f, -7e20f, 6e-39f};

    @BeforeAll
    static void vectorApiIsThere() {
        assertTrue(MicroKernels.VECTOR_API, "the build runs the tests with jdk.incubator.vector");
    }

    /** Special values, each in many lanes and next to every other, then random ones. */
    private static float[] values(int n, long seed) {
        Random random = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i < 4 * SPECIAL.length ? SPECIAL[(i * 7 + i / SPECIAL.length) % SPECIAL.length]
                    : (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4));
        }
        return v;
    }

    private static void assertSameBits(float expected, float actual, String what) {
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual),
                what + ": expected " + expected + ", got " + actual);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = BinaryOp.class, names = {"ADD", "SUB", "MUL", "DIV", "GT", "GE", "LT", "LE", "EQ"})
    void arraysAtDifferentOffsetsHaveTheScalarLoopsBits(BinaryOp op) {
        assertTrue(VectorArithmetic.handles(op));
        float[] a = values(400, 2);
        float[] b = values(400, 3);
        int len = 333;
        float[] o = new float[400];
        VectorArithmetic.vectorVector(op, a, 5, b, 61, o, 17, len);
        for (int i = 0; i < len; i++) {
            assertSameBits(apply(op, a[5 + i], b[61 + i]), o[17 + i], op + " at " + i);
        }
        // An array against itself: every comparison's equal case, NaN's included.
        VectorArithmetic.vectorVector(op, a, 0, a, 0, o, 0, len);
        for (int i = 0; i < len; i++) {
            assertSameBits(apply(op, a[i], a[i]), o[i], op + " of a value with itself at " + i);
        }
        for (float s : new float[]{-0f, 0f, 2.5f, -1e-39f, Float.NEGATIVE_INFINITY, Float.NaN}) {
            VectorArithmetic.vectorScalar(op, a, 9, s, false, o, 2, len);
            VectorArithmetic.vectorScalar(op, a, 9, s, true, o, 2 + len, 40);
            for (int i = 0; i < len; i++) {
                assertSameBits(apply(op, a[9 + i], s), o[2 + i], op + " with scalar " + s + " at " + i);
            }
            for (int i = 0; i < 40; i++) {
                assertSameBits(apply(op, s, a[9 + i]), o[2 + len + i], s + " " + op + " array at " + i);
            }
        }
    }

    /**
     * Column sums over m rows have the bits of adding the rows one after another in float, on
     * widths that use four registers, one, and the scalar tail, with special values mixed in.
     */
    @Test
    void columnSumsAddTheRowsInOrder() {
        for (int width : new int[]{0, 1, 7, 4 * 16 + 3, 4 * 16 * 2 + 16 + 5, 300}) {
            for (int m : new int[]{1, 2, 65}) {
                int n = width + 11;
                float[] x = values(9 + m * n, 3);
                float[] expected = new float[width];
                System.arraycopy(x, 9, expected, 0, width);
                for (int i = 1; i < m; i++) {
                    for (int j = 0; j < width; j++) {
                        expected[j] += x[9 + i * n + j];
                    }
                }
                float[] o = new float[width + 4];
                VectorArithmetic.columnSums(x, 9, m, n, width, o, 4);
                for (int j = 0; j < width; j++) {
                    assertSameBits(expected[j], o[4 + j], "width " + width + ", " + m + " rows, column " + j);
                }
            }
        }
    }

    /**
     * Row sums have the bits of FastReduce's scalar row sum (eight partial sums, then the tail) for
     * lengths around the eight-float step, eight rows at a time and singly, rows apart (stride
     * over the length), and rows that end at the array's end, where a register's load would run
     * past it and the scalar loop takes the last steps. Values of mixed magnitude make the sum
     * depend on the order of its adds.
     */
    @Test
    void rowSumsHaveTheScalarRowSumsBits() {
        assertTrue(VectorArithmetic.holdsRowStep(), "registers of eight floats or more");
        Random random = new Random(11);
        for (int len : new int[]{0, 1, 7, 8, 9, 16, 17, 31, 100, 1024, 4096}) {
            for (int rows : new int[]{1, 3, 8, 9, 17}) {
                for (int gap : new int[]{0, 5}) {
                    int stride = len + gap;
                    int xo = 3;
                    float[] x = new float[xo + (rows - 1) * stride + len];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4));
                    }
                    float[] o = new float[rows + 2];
                    VectorArithmetic.rowSums(x, xo, stride, rows, len, o, 2);
                    for (int r = 0; r < rows; r++) {
                        assertSameBits(scalarRowSum(x, xo + r * stride, len), o[2 + r],
                                "length " + len + ", " + rows + " rows, stride " + stride + ", row " + r);
                    }
                }
            }
        }
    }

    /** Signed zeros, infinities and NaN in the rows: each lane's sum keeps the scalar sum's bits. */
    @Test
    void rowSumsOfSpecialValuesHaveTheScalarBits() {
        int len = 40;
        int rows = 9;
        for (int first = 0; first < SPECIAL.length; first++) {
            float[] x = new float[rows * len];
            Random random = new Random(first);
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextInt(4) == 0 ? SPECIAL[(first + i) % SPECIAL.length] : (float) random.nextGaussian();
            }
            float[] o = new float[rows];
            VectorArithmetic.rowSums(x, 0, len, rows, len, o, 0);
            for (int r = 0; r < rows; r++) {
                assertSameBits(scalarRowSum(x, r * len, len), o[r], "special values from " + first + ", row " + r);
            }
        }
        float[] negativeZeros = new float[16];
        Arrays.fill(negativeZeros, -0f);
        float[] o = new float[2];
        VectorArithmetic.rowSums(negativeZeros, 0, 8, 2, 8, o, 0);
        assertSameBits(0f, o[0], "a row of -0 sums to +0, as the scalar sum from +0 does");
    }

    /** FastReduce's definition of a float row sum, written out as the oracle. */
    static float scalarRowSum(float[] x, int b, int len) {
        float[] partial = new float[8];
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            for (int k = 0; k < 8; k++) {
                partial[k] += x[b + i + k];
            }
        }
        float s = ((partial[0] + partial[1]) + (partial[2] + partial[3]))
                + ((partial[4] + partial[5]) + (partial[6] + partial[7]));
        for (; i < len; i++) {
            s += x[b + i];
        }
        return s;
    }

    @Test
    void powMaximumAndMinimumAreLeftToTheScalarLoops() {
        for (BinaryOp op : BinaryOp.values()) {
            boolean taken = !(op == BinaryOp.POW || op == BinaryOp.MAXIMUM || op == BinaryOp.MINIMUM);
            assertEquals(taken, VectorArithmetic.handles(op), op.toString());
        }
    }

    private static float apply(BinaryOp op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case GT -> a > b ? 1f : 0f;
            case GE -> a >= b ? 1f : 0f;
            case LT -> a < b ? 1f : 0f;
            case LE -> a <= b ? 1f : 0f;
            case EQ -> a == b ? 1f : 0f;
            default -> throw new IllegalArgumentException(op.toString());
        };
    }
}
