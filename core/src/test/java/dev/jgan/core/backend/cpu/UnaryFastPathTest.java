package dev.jgan.core.backend.cpu;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.UnaryOp;
import dev.jgan.core.backend.cpu.Layouts.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every unary fast path against the reference loop, on every input and output layout. */
class UnaryFastPathTest {
    private final CpuBackend fast = new CpuBackend();
    private final CpuBackend reference = CpuBackend.reference();

    @ParameterizedTest(name = "{0}")
    @EnumSource(UnaryOp.class)
    void matchesReference(UnaryOp op) {
        double p1 = op == UnaryOp.CLAMP ? -0.3 : op == UnaryOp.POW ? 3 : 0.2;
        double p2 = 0.7;
        for (int[] shape : Layouts.SHAPES) {
            for (Layout in : Layout.values()) {
                for (Layout out : new Layout[]{Layout.CONTIGUOUS, Layout.OFFSET, Layout.TRANSPOSED}) {
                    boolean large = shape[0] * shape[1] >= Layouts.LARGE;
                    if (!large || out == Layout.CONTIGUOUS && (in == Layout.CONTIGUOUS || in == Layout.TRANSPOSED)) {
                        check(op, p1, p2, shape[0], shape[1], in, out);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "x ^ {0}")
    @ValueSource(doubles = {2, 0.5, -1, 0, 1.5})
    void powMatchesReference(double exponent) {
        for (int[] shape : Layouts.SHAPES) {
            check(UnaryOp.POW, exponent, 0, shape[0], shape[1], Layout.CONTIGUOUS, Layout.CONTIGUOUS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = UnaryOp.class, names = {"NEG", "RELU", "LEAKY_RELU"})
    void inPlaceMatchesReference(UnaryOp op) {
        for (Layout layout : new Layout[]{Layout.CONTIGUOUS, Layout.TRANSPOSED, Layout.SLICED}) {
            Tensor x = Layouts.make(layout, new Random(3), 8, 31, 257);
            Tensor twin = Layouts.twin(x);
            fast.unary(op, x.operand(), x.operand(), 0.2, 0);
            reference.unary(op, twin.operand(), twin.operand(), 0.2, 0);
            Layouts.assertMatches(twin, x, ulps(op), op + " in place, " + layout);
        }
    }

    /**
     * leakyRelu's two loops (max(v, slope v) for slopes in (0, 1], the general form otherwise) on
     * the values where they could part from the reference: signed zeros, infinities, NaN,
     * subnormals whose product underflows, the largest floats. Slopes exactly representable in
     * float, so the reference's double slope is the fast path's float one and the bits must match.
     */
    @ParameterizedTest(name = "slope {0}")
    @ValueSource(doubles = {0.25, 0.5, 1, 0, 1.5, -0.5, -2})
    void leakyReluKeepsTheReferenceBitsAtEverySlope(double slope) {
        float[] values = {0f, -0f, 1f, -1f, 3.5f, -3.5f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
                Float.MIN_VALUE, -Float.MIN_VALUE, -3 * Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-30f, -1e-30f};
        Tensor x = Tensor.fromArray(values, values.length);
        Tensor fastOut = Tensor.zeros(values.length);
        Tensor referenceOut = Tensor.zeros(values.length);
        fast.unary(UnaryOp.LEAKY_RELU, x.operand(), fastOut.operand(), slope, 0);
        reference.unary(UnaryOp.LEAKY_RELU, x.operand(), referenceOut.operand(), slope, 0);
        float[] f = fastOut.toFloatArray();
        float[] r = referenceOut.toFloatArray();
        for (int i = 0; i < values.length; i++) {
            assertEquals(Float.floatToIntBits(r[i]), Float.floatToIntBits(f[i]),
                    "leakyRelu(" + values[i] + ", slope " + slope + "): reference " + r[i] + ", fast " + f[i]);
        }
    }

    /** torch.relu(nan) is nan: a NaN activation must show, not turn into a silent 0. */
    @Test
    void reluPropagatesNaNOnBothPaths() {
        for (CpuBackend cpu : new CpuBackend[]{fast, reference}) {
            Tensor x = Tensor.fromArray(new float[]{Float.NaN, -1f, 2f}, 3);
            Tensor out = Tensor.zeros(3);
            cpu.unary(UnaryOp.RELU, x.operand(), out.operand(), 0, 0);
            assertArrayEquals(new float[]{Float.NaN, 0f, 2f}, out.toFloatArray(), cpu == fast ? "fast" : "reference");
        }
    }

    private void check(UnaryOp op, double p1, double p2, int m, int n, Layout in, Layout out) {
        Tensor x = Layouts.make(in, new Random(m * 31L + n), 8, m, n);
        Tensor fastOut = Layouts.output(out, m, n);
        Tensor referenceOut = Layouts.output(out, m, n);
        fast.unary(op, x.operand(), fastOut.operand(), p1, p2);
        reference.unary(op, x.operand(), referenceOut.operand(), p1, p2);
        Layouts.assertMatches(referenceOut, fastOut, ulps(op),
                op + " [" + m + ", " + n + "] " + in + " into " + out);
    }

    /**
     * 0 where the fast path does the reference's arithmetic, exp, log, tanh and sigmoid included
     * (both run {@link Float32Math}; {@link Float32MathTest} checks its accuracy); leakyRelu's
     * slope and clamp's bounds are rounded to float first.
     */
    private static int ulps(UnaryOp op) {
        return switch (op) {
            case LEAKY_RELU, CLAMP -> 2;
            default -> 0;
        };
    }
}
