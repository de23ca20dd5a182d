package dev.jgan.core.parity;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;

/** A tensor as the fixture script writes it: its shape and its values in row-major order. */
record FixtureTensor(int[] shape, double[] values) {

    /**
     * A fresh jgan tensor holding these values. float32 values are written in their shortest
     * float32 form, so narrowing the parsed double gives back exactly PyTorch's float.
     */
    Tensor toTensor(DType dtype) {
        if (dtype == DType.FLOAT64) {
            return Tensor.fromArray(values.clone(), shape);
        }
        float[] narrowed = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            narrowed[i] = (float) values[i];
        }
        return Tensor.fromArray(narrowed, shape);
    }
}
