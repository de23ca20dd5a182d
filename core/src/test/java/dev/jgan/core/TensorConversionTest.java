package dev.jgan.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** detach, to(dtype), to(device), isContiguous. */
class TensorConversionTest {

    @Test
    void detachSharesDataButNotHistory() {
        Tensor x = Tensor.fromArray(new double[]{1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor y = x.mul(3.0).t();
        Tensor d = y.detach();
        assertTrue(y.requiresGrad());
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        assertNull(d.gradFn());
        assertSame(y.storage(), d.storage());
        assertArrayEquals(y.strides(), d.strides());
        assertArrayEquals(y.toDoubleArray(), d.toDoubleArray());
        d.fill_(0); // allowed: d wants no gradient, and the shared data changes for both
        assertArrayEquals(new double[4], y.toDoubleArray());
    }

    @Test
    void toDtypeRoundTrips() {
        float[] values = {0.1f, -3.5f, 1e-30f, Float.MAX_VALUE, Float.NaN};
        Tensor f = Tensor.fromArray(values, 5);
        Tensor d = f.to(DType.FLOAT64);
        assertEquals(DType.FLOAT64, d.dtype());
        assertNotSame(f.storage(), d.storage());
        Tensor back = d.to(DType.FLOAT32);
        assertEquals(DType.FLOAT32, back.dtype());
        assertArrayEquals(values, back.toFloatArray(), "float32 -> float64 -> float32 is exact");
        assertSame(f, f.to(DType.FLOAT32), "converting to the same dtype is a no-op");

        Tensor precise = Tensor.fromArray(new double[]{0.1, 1.0 / 3}, 2);
        double[] rounded = precise.to(DType.FLOAT32).to(DType.FLOAT64).toDoubleArray();
        assertArrayEquals(new double[]{(float) 0.1, (float) (1.0 / 3)}, rounded, "float64 -> float32 rounds to nearest");
    }

    @Test
    void toDtypeReadsViewsInLogicalOrder() {
        Tensor t = Tensor.fromArray(new float[]{1, 2, 3, 4, 5, 6}, 2, 3).t();
        Tensor d = t.to(DType.FLOAT64);
        assertArrayEquals(new double[]{1, 4, 2, 5, 3, 6}, d.toDoubleArray());
        assertTrue(d.isContiguous());
    }

    @Test
    void toTheSameDeviceIsANoOp() {
        Tensor t = Tensor.ones(2);
        assertSame(t, t.to(Device.CPU));
    }

    @Test
    void isContiguousFollowsTheLayout() {
        Tensor m = Tensor.zeros(3, 4);
        assertTrue(m.isContiguous());
        assertFalse(m.t().isContiguous());
        assertTrue(m.narrow(0, 1, 2).isContiguous(), "whole rows at an offset are still contiguous");
        assertFalse(m.narrow(1, 1, 2).isContiguous());
        assertTrue(m.narrow(1, 1, 1).narrow(0, 0, 1).isContiguous(), "one element is contiguous");
        assertTrue(m.unsqueeze(1).isContiguous());
        assertFalse(Tensor.zeros(1, 4).expand(3, 4).isContiguous());
        assertTrue(Tensor.zeros(4, 1).expand(4, 1).isContiguous());
        assertTrue(m.t().contiguous().isContiguous());
    }

    /** An empty tensor has nothing out of place, so it is contiguous (as in PyTorch) and is not copied. */
    @Test
    void emptyTensorsAreContiguous() {
        Tensor e = Tensor.zeros(3, 0);
        assertTrue(e.isContiguous());
        assertTrue(e.t().isContiguous());
        assertSame(e, e.contiguous());
    }
}
