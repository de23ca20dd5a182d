package dev.jgan.core.backend.cpu;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's float32 exp, log, tanh and sigmoid: within 2 units in the last place of
 * {@code Math}'s double functions rounded to float, over a dense sweep of every float the
 * function is defined on (every 509th bit pattern: about 8.4 million floats, both signs), exact
 * on the special values, and the vector form returns the scalar form's bits on the same sweep.
 */
class Float32MathTest {
    /** Every STRIDE-th float bit pattern; prime, so the sweep meets every mantissa pattern class. */
    private static final int STRIDE = Integer.getInteger("float32math.stride", 509);
    private static final int ULPS = 2;

    enum Function {
        EXP(UnaryOp.EXP, Math::exp),
        LOG(UnaryOp.LOG, Math::log),
        TANH(UnaryOp.TANH, Math::tanh),
        SIGMOID(UnaryOp.SIGMOID, v -> 1 / (1 + Math.exp(-v)));

        final UnaryOp op;
        final DoubleUnaryOperator exact;

        Function(UnaryOp op, DoubleUnaryOperator exact) {
            this.op = op;
            this.exact = exact;
        }

        float scalar(float x) {
            return switch (this) {
                case EXP -> Float32Math.exp(x);
                case LOG -> Float32Math.log(x);
                case TANH -> Float32Math.tanh(x);
                case SIGMOID -> Float32Math.sigmoid(x);
            };
        }

        void vector(float[] x, float[] o) {
            switch (this) {
                case EXP -> VectorFloat32Math.exp(x, o, 0, x.length);
                case LOG -> VectorFloat32Math.log(x, o, 0, x.length);
                case TANH -> VectorFloat32Math.tanh(x, o, 0, x.length);
                case SIGMOID -> VectorFloat32Math.sigmoid(x, o, 0, x.length);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Function.class)
    void withinTwoUlpsOfMathOverADenseSweepAndTheVectorFormGivesTheSameBits(Function f) {
        assertTrue(MicroKernels.VECTOR_API, "the tests' JVM lacks --add-modules jdk.incubator.vector");
        float[] x = new float[1 << 16];
        float[] vector = new float[x.length];
        float worst = 0;
        float worstAt = Float.NaN;
        long checked = 0;
        for (int sign = 0; sign < 2; sign++) {
            int filled = 0;
            for (long bits = 0; bits <= 0x7f800000L; bits += STRIDE) {
                x[filled++] = Float.intBitsToFloat((int) bits | (sign << 31));
                if (filled == x.length || bits + STRIDE > 0x7f800000L) {
                    f.vector(x, vector);
                    for (int i = 0; i < filled; i++) {
                        float s = f.scalar(x[i]);
                        assertSameFloat(s, vector[i], f + " at " + x[i] + ": scalar and vector differ");
                        float ulps = ulpsFromExact(f, x[i], s);
                        if (ulps > worst) {
                            worst = ulps;
                            worstAt = x[i];
                        }
                    }
                    checked += filled;
                    filled = 0;
                }
            }
        }
        System.out.printf("Float32Math.%s: worst %.3f ulps from Math at %s over %d floats%n", f, worst, worstAt, checked);
        assertTrue(worst <= ULPS, f + ": " + worst + " ulps from Math at " + worstAt + " (" + checked + " floats)");
    }

    @Test
    void specialValuesFollowMath() {
        float[] specials = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 0x1p-126f, Float.MAX_VALUE, -Float.MAX_VALUE,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1f, -1f, 88.72f, 88.73f, 89f, -87.3f,
                -103.2f, -103.3f, -104f, -200f, 200f, 0.625f, -0.625f, 1e-30f, -1e-30f};
        for (Function f : Function.values()) {
            float[] vector = new float[specials.length];
            f.vector(specials, vector);
            for (int i = 0; i < specials.length; i++) {
                float x = specials[i];
                float expected = (float) f.exact.applyAsDouble(x);
                float s = f.scalar(x);
                assertTrue(ulpsFromExact(f, x, s) <= ULPS, f + "(" + x + ") = " + s + ", Math says " + expected);
                assertSameFloat(s, vector[i], f + "(" + x + "): scalar and vector differ");
                if (Float.isNaN(expected) || Float.isInfinite(expected) || expected == 0) {
                    // NaN, infinities and zeros exactly, the sign of a zero included (tanh(-0) = -0).
                    assertSameFloat(expected, s, f + "(" + x + ")");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Function.class)
    void theReferenceLoopAndTheFastPathGiveTheseBits(Function f) {
        Random random = new Random(5);
        float[] v = new float[1001];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * 20);
        }
        if (f == Function.LOG) {
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.abs(v[i]);
            }
        }
        Tensor x = Tensor.fromArray(v, v.length);
        for (CpuBackend cpu : new CpuBackend[]{new CpuBackend(), CpuBackend.reference()}) {
            Tensor out = Tensor.zeros(v.length);
            cpu.unary(f.op, x.operand(), out.operand(), 0, 0);
            float[] o = out.toFloatArray();
            for (int i = 0; i < v.length; i++) {
                assertSameFloat(f.scalar(v[i]), o[i], f + "(" + v[i] + ")");
            }
        }
    }

    @ParameterizedTest(name = "rows of {0}")
    @ValueSource(ints = {1, 7, 8, 9, 17, 100, 1024, 1031})
    void softmaxRowsHaveTheSameBitsScalarAndVectorAndSumToOne(int len) {
        Random random = new Random(len);
        float[] x = new float[len + 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * 4);
        }
        for (boolean log : new boolean[]{false, true}) {
            float[] scalar = new float[len + 2];
            float[] vector = new float[len + 2];
            Float32Math.softmaxRow(x, 3, scalar, 2, len, log, new float[len]);
            VectorFloat32Math.softmaxRow(x, 3, vector, 2, len, log, new float[len]);
            double sum = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < len; j++) {
                max = Math.max(max, x[3 + j]);
            }
            double exactSum = 0;
            for (int j = 0; j < len; j++) {
                exactSum += Math.exp(x[3 + j] - max);
            }
            for (int j = 0; j < len; j++) {
                assertSameFloat(scalar[2 + j], vector[2 + j], "softmax row " + len + ", log " + log + ", element " + j);
                double exact = Math.exp(x[3 + j] - max) / exactSum;
                double got = log ? Math.exp(scalar[2 + j]) : scalar[2 + j];
                // x - max is rounded to float first: its error, up to |x - max| 2^-24, is e^(x-max)'s relative error.
                double tolerance = 1e-6 * (1 + Math.abs(x[3 + j] - max));
                assertEquals(exact, got, tolerance * exact + 1e-30, "element " + j + " of a row of " + len);
                sum += got;
            }
            assertEquals(1, sum, 1e-5, "a softmax row sums to 1");
        }
    }

    /** |got - exact| in units of the last place of the float nearest the exact value. */
    private static float ulpsFromExact(Function f, float x, float got) {
        double exact = f.exact.applyAsDouble(x);
        float rounded = (float) exact;
        if (Float.isNaN(rounded) || Float.isNaN(got)) {
            return Float.isNaN(rounded) == Float.isNaN(got) ? 0 : Float.POSITIVE_INFINITY;
        }
        if (Float.isInfinite(rounded) || Float.isInfinite(got)) {
            // Within 2 ulps of the largest float counts: e^88.72 is a hair from overflow.
            double largest = Float.MAX_VALUE;
            if (rounded == got) {
                return 0;
            }
            double finite = Float.isInfinite(got) ? exact : got;
            return Math.abs(exact) >= largest - ULPS * Math.ulp(Float.MAX_VALUE) && Math.abs(finite) >= largest
                    - ULPS * Math.ulp(Float.MAX_VALUE) ? ULPS : Float.POSITIVE_INFINITY;
        }
        return (float) (Math.abs(got - exact) / Math.ulp(rounded == 0 ? Float.MIN_VALUE : Math.abs(rounded)));
    }

    /** Same bits, except that any NaN matches any NaN (a NaN's payload is not part of the contract). */
    private static void assertSameFloat(float expected, float actual, String message) {
        if (Float.isNaN(expected) && Float.isNaN(actual)) {
            return;
        }
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual),
                message + ": expected " + expected + ", got " + actual);
    }
}
