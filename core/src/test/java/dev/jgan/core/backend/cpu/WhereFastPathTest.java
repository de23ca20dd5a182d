package dev.jgan.core.backend.cpu;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.cpu.Layouts.Layout;
import org.junit.jupiter.api.Test;

import java.util.Random;

/** The where fast path against the reference, for every layout of condition and operands. */
class WhereFastPathTest {
    private final CpuBackend fast = new CpuBackend();
    private final CpuBackend reference = CpuBackend.reference();

    @Test
    void matchesReference() {
        for (int[] shape : Layouts.SHAPES) {
            boolean large = shape[0] * shape[1] >= Layouts.LARGE;
            for (Layout c : Layout.values()) {
                for (Layout x : Layout.values()) {
                    for (Layout y : Layout.values()) {
                        if (large && (x != Layout.CONTIGUOUS || y != Layout.SCALAR || c.ordinal() > Layout.TRANSPOSED.ordinal())) {
                            continue;
                        }
                        Random rnd = new Random(c.ordinal() * 100L + x.ordinal() * 10L + y.ordinal());
                        // Conditions: a 0/1 mask, and values with zeros of both signs and NaN (which counts as true).
                        Tensor cond = Layouts.make(c, shape[0], shape[1], count -> mask(rnd, count));
                        Tensor nanCond = Layouts.make(c, rnd, 4, shape[0], shape[1]);
                        Tensor a = Layouts.make(x, rnd, 16, shape[0], shape[1]);
                        Tensor b = Layouts.make(y, rnd, 16, shape[0], shape[1]);
                        for (Tensor condition : new Tensor[]{cond, nanCond}) {
                            Tensor fastOut = Layouts.output(Layout.SLICED, shape[0], shape[1]);
                            Tensor referenceOut = Layouts.output(Layout.SLICED, shape[0], shape[1]);
                            fast.where(condition.operand(), a.operand(), b.operand(), fastOut.operand());
                            reference.where(condition.operand(), a.operand(), b.operand(), referenceOut.operand());
                            Layouts.assertMatches(referenceOut, fastOut, 0, "where " + java.util.Arrays.toString(shape)
                                    + " cond " + c + ", a " + x + ", b " + y);
                        }
                    }
                }
            }
        }
    }

    private static float[] mask(Random rnd, int count) {
        float[] m = new float[count];
        for (int i = 0; i < count; i++) {
            m[i] = rnd.nextBoolean() ? 1f : 0f;
        }
        return m;
    }
}
