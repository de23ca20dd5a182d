package dev.jgan.core.ops;

import dev.jgan.core.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 0-d tensor has one wrappable dim in PyTorch: dim 0 and -1 name it. The expected values are
 * PyTorch 1.13's for x = tensor(2.0): {@code y = f(x, dim); y.backward()}, printing y, y.shape, x.grad.
 */
class ZeroDimTest {
    private static final Map<String, BiFunction<Tensor, Integer, Tensor>> REDUCTIONS = new LinkedHashMap<>();

    static {
        REDUCTIONS.put("sum", (x, d) -> x.sum(new int[]{d}, false));
        REDUCTIONS.put("mean", (x, d) -> x.mean(new int[]{d}, false));
        REDUCTIONS.put("max", (x, d) -> x.max(new int[]{d}, false));
        REDUCTIONS.put("min", (x, d) -> x.min(new int[]{d}, false));
        REDUCTIONS.put("var", (x, d) -> x.var(new int[]{d}, 1, false));
        REDUCTIONS.put("softmax", (x, d) -> x.softmax(d));
        REDUCTIONS.put("logSoftmax", (x, d) -> x.logSoftmax(d));
    }

    /** {name: {value, gradient}} from PyTorch. */
    private static final Map<String, double[]> TORCH = Map.of(
            "sum", new double[]{2, 1}, "mean", new double[]{2, 1}, "max", new double[]{2, 1},
            "min", new double[]{2, 1}, "softmax", new double[]{1, 0}, "logSoftmax", new double[]{0, 0},
            // var with one element and correction 1 divides by 0: NaN (PyTorch's gradient there is inf, ours
            // NaN: the variance is undefined either way, see docs/ops.md).
            "var", new double[]{Double.NaN, Double.NaN});

    @Test
    void everyReductionTakesDimZeroAndMinusOneOfAScalarForwardAndBackward() {
        for (var e : REDUCTIONS.entrySet()) {
            for (int dim : new int[]{0, -1}) {
                Tensor x = Tensor.scalar(2.0).requiresGrad(true);
                Tensor y = e.getValue().apply(x, dim);
                String what = e.getKey() + " dim " + dim;
                assertArrayEquals(new int[0], y.shape(), what + ": a scalar stays a scalar");
                y.backward();
                double[] expected = TORCH.get(e.getKey());
                assertEquals(expected[0], y.item(), 1e-6, what + " value");
                assertEquals(expected[1], x.grad().item(), 1e-6, what + " gradient");
            }
        }
    }

    @Test
    void keepDimOfAScalarIsStillAScalar() {
        assertArrayEquals(new int[0], Tensor.scalar(2.0).sum(new int[]{0}, true).shape());
    }

    @Test
    void otherDimsOfAScalarAreRefusedWithTheRangeThatHolds() {
        for (int dim : new int[]{1, -2}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(2.0).sum(new int[]{dim}, false));
            assertEquals("sum: dim " + dim + " is out of range for a tensor of rank 0 (expected -1 .. 0)", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(2.0).sum(new int[]{0, -1}, false),
                "0 and -1 are the same dim");
    }

    @Test
    void viewsOfTheWrappedDimBehaveAsInPyTorch() {
        assertArrayEquals(new int[0], Tensor.scalar(2.0).transpose(0, -1).shape());
        assertArrayEquals(new int[0], Tensor.scalar(2.0).squeeze(0).shape());
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(2.0).size(0));
        assertTrue(e.getMessage().contains("0-d tensor has no dims"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(2.0).narrow(0, 0, 1));
    }
}
