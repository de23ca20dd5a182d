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
