package dev.jgan.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorReadingTest {
    private final Tensor m = Tensor.fromArray(new double[]{1, 2, 3, 4, 5, 6}, 2, 3);

    @Test
    void itemReadsTheOnlyElementOfAnyShape() {
        assertEquals(5, Tensor.full(5, 1, 1, 1).item());
        assertEquals(6, m.narrow(0, 1, 1).narrow(1, 2, 1).item());
        assertEquals(21, m.sum().item());
        IllegalStateException e = assertThrows(IllegalStateException.class, m::item);
        assertEquals("item: tensor of shape [2, 3] has 6 elements, not one", e.getMessage());
        assertThrows(IllegalStateException.class, () -> Tensor.zeros(0).item());
    }

    @Test
    void getTakesAFullIndexWithNegativesCountingFromTheEnd() {
        assertEquals(2, m.get(0, 1));
        assertEquals(6, m.get(-1, -1));
        assertEquals(4, m.get(1, -3));
        Tensor t = m.t();
        assertEquals(2, t.get(1, 0));
        assertEquals(6, t.get(2, 1));
        assertEquals(3, m.expand(4, 2, 3).get(3, 0, 2));
    }

    @Test
    void getRejectsWrongRankAndOutOfRangeIndices() {
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class, () -> m.get(1));
        assertTrue(rank.getMessage().startsWith("get:") && rank.getMessage().contains("rank 2"), rank.getMessage());
        IndexOutOfBoundsException range = assertThrows(IndexOutOfBoundsException.class, () -> m.get(0, 3));
        assertEquals("get: index 3 is out of range for dim 1 of size 3", range.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(-3, 0));
    }

    @Test
    void arraysComeOutRowMajorInEitherPrecision() {
        assertArrayEquals(new double[]{1, 4, 2, 5, 3, 6}, m.t().toDoubleArray());
        assertArrayEquals(new float[]{1, 4, 2, 5, 3, 6}, m.t().toFloatArray());
        assertArrayEquals(new float[]{0.1f}, Tensor.fromArray(new double[]{0.1}, 1).toFloatArray());
    }

    @Test
    void allCloseComparesShapesAndValues() {
        Tensor a = Tensor.fromArray(new double[]{1, 2, Double.POSITIVE_INFINITY}, 3);
        assertTrue(a.allClose(Tensor.fromArray(new double[]{1 + 1e-9, 2, Double.POSITIVE_INFINITY}, 3), 1e-5, 1e-8));
        assertFalse(a.allClose(Tensor.fromArray(new double[]{1.1, 2, Double.POSITIVE_INFINITY}, 3), 1e-5, 1e-8));
        assertFalse(a.allClose(a.reshape(3, 1), 1e-5, 1e-8));
        Tensor nan = Tensor.fromArray(new double[]{Double.NaN}, 1);
        assertFalse(nan.allClose(nan, 1e-5, 1e-8), "NaN is close to nothing, as in torch.allclose");
    }
}
