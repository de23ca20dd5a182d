package dev.jgan.core;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** toString(): PyTorch's nested brackets, with large tensors summarised by their edges. */
class TensorFormatTest {

    @Test
    void smallTensorsPrintEveryElement() {
        assertEquals("tensor(3.0, shape=[], dtype=float32)", Tensor.scalar(3).toString());
        assertEquals("tensor([0.5000, -1.250], shape=[2], dtype=float32)",
                Tensor.fromArray(new float[]{0.5f, -1.25f}, 2).toString());
        assertEquals("tensor([[1.0, 2.0],\n        [3.0, 4.0]], shape=[2, 2], dtype=float32)",
                Tensor.fromArray(new float[]{1, 2, 3, 4}, 2, 2).toString());
        assertEquals("tensor([], shape=[0], dtype=float32)", Tensor.zeros(0).toString());
    }

    @Test
    void viewsPrintInLogicalOrder() {
        Tensor t = Tensor.fromArray(new double[]{1, 2, 3, 4, 5, 6}, 2, 3).t();
        assertEquals("tensor([[1.0, 4.0],\n        [2.0, 5.0],\n        [3.0, 6.0]], shape=[3, 2], dtype=float64)",
                t.toString());
    }

    @Test
    void gradientStateIsShown() {
        Tensor x = Tensor.fromArray(new double[]{1, 2}, 2).requiresGrad(true);
        assertEquals("tensor([1.0, 2.0], shape=[2], dtype=float64, requires_grad=true)", x.toString());
        assertEquals("tensor([2.0, 4.0], shape=[2], dtype=float64, grad_fn=mulBackward)", x.mul(2.0).toString());
    }

    @Test
    void largeTensorsShowThreeElementsAtEachEdge() {
        assertEquals("tensor([0.0, 1.0, 2.0, ..., 1997.0, 1998.0, 1999.0], shape=[2000], dtype=float32)",
                Tensor.arange(2000).toString());
        String grid = Tensor.arange(1600).reshape(40, 40).toString();
        assertEquals("tensor([[0.0, 1.0, 2.0, ..., 37.0, 38.0, 39.0],\n"
                + "        [40.0, 41.0, 42.0, ..., 77.0, 78.0, 79.0],\n"
                + "        [80.0, 81.0, 82.0, ..., 117.0, 118.0, 119.0],\n"
                + "        ...,\n"
                + "        [1480.0, 1481.0, 1482.0, ..., 1517.0, 1518.0, 1519.0],\n"
                + "        [1520.0, 1521.0, 1522.0, ..., 1557.0, 1558.0, 1559.0],\n"
                + "        [1560.0, 1561.0, 1562.0, ..., 1597.0, 1598.0, 1599.0]], shape=[40, 40], dtype=float32)", grid);
    }

    @Test
    void summarisingStartsAboveAThousandElements() {
        assertFalse(Tensor.arange(1000).toString().contains("..."));
        assertTrue(Tensor.arange(1001).toString().contains("..."));
        // A dim of six or fewer is printed whole even when the tensor is summarised.
        String tall = Tensor.arange(1002).reshape(167, 6).toString();
        assertTrue(tall.startsWith("tensor([[0.0, 1.0, 2.0, 3.0, 4.0, 5.0],\n        [6.0,"), tall);
        assertTrue(tall.contains("...,\n"), tall);
    }

    /** The decimal point must not follow the machine's locale: a comma would read as a separator. */
    @Test
    void printsTheSameInEveryLocale() {
        Locale original = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("tensor([1.0, 0.5000], shape=[2], dtype=float32)",
                    Tensor.fromArray(new float[]{1, 0.5f}, 2).toString());
        } finally {
            Locale.setDefault(original);
        }
    }
}
