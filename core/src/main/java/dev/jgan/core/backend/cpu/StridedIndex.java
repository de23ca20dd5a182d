package dev.jgan.core.backend.cpu;

import dev.jgan.core.Shape;
import dev.jgan.core.backend.Operand;

import java.util.Arrays;

/**
 * Storage positions of a strided view, listed in row-major order of its logical elements.
 * Every reference loop goes through this one walk, so none of them repeats stride arithmetic.
 */
final class StridedIndex {
    private StridedIndex() {
    }

    static int[] of(Operand t) {
        return walk(t.shape(), t.strides(), t.offset());
    }

    /**
     * Where each matrix of a batched matmul operand starts: the positions of {@code batchShape}
     * (row-major) along the operand's leading dims, all but its last two.
     */
    static int[] matrixStarts(Operand t, int[] batchShape) {
        return walk(batchShape, Arrays.copyOf(t.strides(), t.dim() - 2), t.offset());
    }

    /**
     * Position of each element of {@code shape} (row-major) in a buffer laid out with the given
     * strides and offset. A stride of 0 maps a whole dim onto one position: that is how both
     * broadcasting and reduction targets are expressed.
     */
    static int[] walk(int[] shape, int[] strides, int offset) {
        int n = Shape.numel(shape);
        int rank = shape.length;
        int[] positions = new int[n];
        int[] index = new int[rank];
        int position = offset;
        for (int i = 0; i < n; i++) {
            positions[i] = position;
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                position += strides[d];
                if (index[d] < shape[d]) {
                    break;
                }
                position -= strides[d] * shape[d];
                index[d] = 0;
            }
        }
        return positions;
    }
}
