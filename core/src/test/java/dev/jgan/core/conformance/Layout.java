package dev.jgan.core.conformance;

import dev.jgan.core.DType;
import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;

import java.util.Arrays;
import java.util.Random;

/**
 * A view's layout (shape, strides, offset) independent of any backend, so that a test can lay
 * the same data out the same way on the CPU and on the backend under test. The factories make
 * the awkward layouts kernels must handle: transposed, with gaps and an offset, broadcast.
 */
public record Layout(String name, int[] shape, int[] strides, int offset) {

    public static Layout contiguous(int... shape) {
        return new Layout("contiguous", shape, Shape.contiguousStrides(shape), 0);
    }

    /** Dims stored in reverse order, as after t() or permute: the last dim is the slowest. */
    public static Layout transposed(int... shape) {
        int[] strides = new int[shape.length];
        int step = 1;
        for (int d = 0; d < shape.length; d++) {
            strides[d] = step;
            step *= Math.max(shape[d], 1);
        }
        return new Layout("transposed", shape, strides, 0);
    }

    /** Every other element of a bigger buffer, starting at offset 3, as after narrow and slicing. */
    public static Layout gapped(int... shape) {
        int[] strides = Shape.contiguousStrides(shape);
        for (int d = 0; d < strides.length; d++) {
            strides[d] *= 2;
        }
        return new Layout("gapped", shape, strides, 3);
    }

    /** Contiguous, except that the given dims repeat one element (stride 0), as after expand. */
    public static Layout broadcast(int[] shape, int... broadcastDims) {
        int[] reduced = shape.clone();
        for (int d : broadcastDims) {
            reduced[d] = 1;
        }
        int[] strides = Shape.contiguousStrides(reduced);
        for (int d : broadcastDims) {
            strides[d] = 0;
        }
        return new Layout("broadcast" + Arrays.toString(broadcastDims), shape, strides, 0);
    }

    /** Elements the underlying buffer needs. */
    public int storageSize() {
        int last = offset;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 0) {
                return offset;
            }
            last += (shape[d] - 1) * strides[d];
        }
        return last + 1;
    }

    /** This layout over a buffer of uniform random numbers in [low, high), on the CPU and on {@code backend}. */
    public Pair random(Backend backend, DType dtype, Random random, double low, double high) {
        double[] data = new double[storageSize()];
        for (int i = 0; i < data.length; i++) {
            data[i] = low + (high - low) * random.nextDouble();
        }
        return over(backend, dtype, data);
    }

    /** This layout over the given buffer, on the CPU and on {@code backend}. */
    public Pair over(Backend backend, DType dtype, double[] buffer) {
        Tensor cpuBase = Tensor.fromArray(buffer, buffer.length).to(dtype);
        Tensor cpu = Tensor.asStrided(cpuBase, shape, strides, offset);
        Tensor base = cpuBase.to(backend);
        return new Pair(cpu, Tensor.asStrided(base, shape, strides, offset), base);
    }

    @Override
    public String toString() {
        return name + Shape.format(shape);
    }

    /**
     * The same view on the CPU (where the expected values come from) and on the backend under
     * test, with the backend's whole buffer, to check that nothing outside the view changed.
     */
    public record Pair(Tensor cpu, Tensor device, Tensor deviceBase) {
    }
}
