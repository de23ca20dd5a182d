package dev.jgan.core;

import dev.jgan.core.autograd.GradMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In-place updates: for optimizers and initializers, refused where they would corrupt a graph. */
class TensorInPlaceTest {

    private static Map<String, Executable> everyInPlaceOp(Tensor w) {
        Tensor other = Tensor.ones(DType.FLOAT64, 3);
        return Map.of(
                "copy_", () -> w.copy_(other),
                "fill_", () -> w.fill_(2),
                "zero_", w::zero_,
                "add_", () -> w.add_(other),
                "add_ scalar", () -> w.add_(0.5),
                "mul_", () -> w.mul_(2.0));
    }

    @Test
    void refusedUnderGradModeOnTensorsThatRequireGrad() {
        Tensor w = Tensor.fromArray(new double[]{1, 2, 3}, 3).requiresGrad(true);
        everyInPlaceOp(w).forEach((op, call) -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, call, op);
            String expectedName = op.equals("zero_") ? "fill_" : op.split(" ")[0];
            assertTrue(e.getMessage().startsWith(expectedName + ":"), e.getMessage());
            assertTrue(e.getMessage().contains("GradMode.noGrad()"), e.getMessage());
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.mul_(Tensor.ones(DType.FLOAT64, 3)));
        assertTrue(e.getMessage().startsWith("mul_:"), e.getMessage());
        assertArrayEquals(new double[]{1, 2, 3}, w.toDoubleArray(), "a refused update must leave the data alone");
    }

    @Test
    void allowedInsideNoGradAndOnPlainTensors() {
        Tensor w = Tensor.fromArray(new double[]{1, 2, 3}, 3).requiresGrad(true);
        try (GradMode.Scope s = GradMode.noGrad()) {
            assertSame(w, w.mul_(2.0));
            assertArrayEquals(new double[]{2, 4, 6}, w.toDoubleArray());
            w.add_(Tensor.fromArray(new double[]{1, 1, 1}, 3), -0.5);
            assertArrayEquals(new double[]{1.5, 3.5, 5.5}, w.toDoubleArray());
            w.mul_(Tensor.fromArray(new double[]{2, 0, 1}, 3));
            assertArrayEquals(new double[]{3, 0, 5.5}, w.toDoubleArray());
            assertSame(w, w.add_(0.25));
            assertArrayEquals(new double[]{3.25, 0.25, 5.75}, w.toDoubleArray());
            w.copy_(Tensor.scalarLike(w, 4)); // broadcast source
            assertArrayEquals(new double[]{4, 4, 4}, w.toDoubleArray());
            w.zero_();
            assertArrayEquals(new double[3], w.toDoubleArray());
        }
        assertTrue(w.requiresGrad() && w.isLeaf() && w.gradFn() == null, "in-place updates record nothing");
        Tensor plain = Tensor.ones(DType.FLOAT64, 3);
        plain.add_(plain.detach());
        assertArrayEquals(new double[]{2, 2, 2}, plain.toDoubleArray());
    }

    @Test
    void updatingAViewWritesThroughToItsBase() {
        Tensor base = Tensor.zeros(DType.FLOAT64, 2, 3);
        base.t().narrow(0, 1, 1).fill_(7);
        assertArrayEquals(new double[]{0, 7, 0, 0, 7, 0}, base.toDoubleArray());
        base.narrow(1, 2, 1).add_(Tensor.fromArray(new double[]{1, 2}, 2, 1));
        assertArrayEquals(new double[]{0, 7, 1, 0, 7, 2}, base.toDoubleArray());
    }

    @Test
    void theOperandMayBroadcastButNotTheResult() {
        Tensor w = Tensor.zeros(DType.FLOAT64, 2, 2);
        w.add_(Tensor.fromArray(new double[]{1, 2}, 2));
        assertArrayEquals(new double[]{1, 2, 1, 2}, w.toDoubleArray());
        Tensor row = Tensor.zeros(DType.FLOAT64, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> row.add_(Tensor.zeros(DType.FLOAT64, 3, 2)));
        assertEquals("add_: the result shape [3, 2] differs from this tensor's shape [2]", e.getMessage());
    }

    @Test
    void zeroGradClearsTheGradient() {
        Tensor w = Tensor.fromArray(new double[]{1, 2}, 2).requiresGrad(true);
        w.mul(w).sum().backward();
        assertArrayEquals(new double[]{2, 4}, w.grad().toDoubleArray());
        w.zeroGrad();
        assertNull(w.grad());
    }
}
