package dev.jgan.core;

import dev.jgan.core.backend.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class TensorToBackendTest {

    @Test
    void toTheSameBackendIsTheTensorItself() {
        Tensor x = Tensor.arange(4);
        assertSame(x, x.to(x.backend()));
    }

    @Test
    void toAnotherBackendIsAContiguousCopyOfTheViewInEitherDtype() {
        CpuBackend other = new CpuBackend();
        Tensor view = Tensor.arange(6).reshape(2, 3).t();
        Tensor moved = view.to(other);
        assertSame(other, moved.backend());
        assertNotSame(view.storage(), moved.storage());
        assertArrayEquals(new int[]{2, 1}, moved.strides());
        assertArrayEquals(new float[]{0, 3, 1, 4, 2, 5}, moved.toFloatArray());
        Tensor doubles = view.to(DType.FLOAT64).to(other);
        assertArrayEquals(new double[]{0, 3, 1, 4, 2, 5}, doubles.toDoubleArray());
    }
}
