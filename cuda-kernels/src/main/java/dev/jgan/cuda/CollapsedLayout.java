package dev.jgan.cuda;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.cuda.driver.KernelArgs;

import java.util.Arrays;

/**
 * The dims a kernel walks, for several operands that share one shape, made as few as possible
 * without changing which element goes where. Size-1 dims are dropped (their stride never
 * matters), and two neighbouring dims merge when every operand steps over the outer one
 * exactly as over a whole run of the inner one ({@code stride[d] == stride[d + 1] * size[d + 1]}).
 * A contiguous tensor of any shape becomes one dim, so the kernel's index arithmetic costs one
 * division instead of one per dim; a transposed or broadcast operand keeps the dims it needs.
 * Row-major element order is preserved, so element i is still element i.
 *
 * <p>The kernels index at most {@link KernelArgs#MAX_DIMS} dims; a layout that still needs
 * more after collapsing is refused, naming the op.
 */
final class CollapsedLayout {
    private final int[] sizes;
    private final int[][] strides;
    private final int[] offsets;

    private CollapsedLayout(int[] sizes, int[][] strides, int[] offsets) {
        this.sizes = sizes;
        this.strides = strides;
        this.offsets = offsets;
    }

    /** Operands that all have {@code shape}, e.g. the inputs and output of an elementwise op. */
    static CollapsedLayout of(String op, int[] shape, Tensor... operands) {
        int[][] strides = new int[operands.length][];
        int[] offsets = new int[operands.length];
        for (int i = 0; i < operands.length; i++) {
            strides[i] = operands[i].strides();
            offsets[i] = operands[i].offset();
        }
        return of(op, shape, strides, offsets);
    }

    /** Operand i has {@code strides[i]} over {@code shape} and starts at {@code offsets[i]}. */
    static CollapsedLayout of(String op, int[] shape, int[][] strides, int[] offsets) {
        int operands = strides.length;
        int[] sizes = new int[shape.length];
        int[][] merged = new int[operands][shape.length];
        int rank = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) {
                continue;
            }
            if (rank > 0 && mergesWithPrevious(strides, d, rank - 1, merged, shape[d])) {
                sizes[rank - 1] *= shape[d];
                for (int i = 0; i < operands; i++) {
                    merged[i][rank - 1] = strides[i][d];
                }
            } else {
                sizes[rank] = shape[d];
                for (int i = 0; i < operands; i++) {
                    merged[i][rank] = strides[i][d];
                }
                rank++;
            }
        }
        if (rank > KernelArgs.MAX_DIMS) {
            throw new IllegalArgumentException(op + ": the cuda kernels index at most " + KernelArgs.MAX_DIMS
                    + " dims, but a view of shape " + Shape.format(shape) + " with strides "
                    + Arrays.toString(strides[0]) + " still needs " + rank + " after merging contiguous dims;"
                    + " make it contiguous() first");
        }
        int[][] trimmed = new int[operands][];
        for (int i = 0; i < operands; i++) {
            trimmed[i] = Arrays.copyOf(merged[i], rank);
        }
        return new CollapsedLayout(Arrays.copyOf(sizes, rank), trimmed, offsets.clone());
    }

    /** Whether dim d (of size `size`) continues kept dim `previous` for every operand. */
    private static boolean mergesWithPrevious(int[][] strides, int d, int previous, int[][] merged, int size) {
        for (int i = 0; i < strides.length; i++) {
            if ((long) merged[i][previous] != (long) strides[i][d] * size) {
                return false;
            }
        }
        return true;
    }

    int rank() {
        return sizes.length;
    }

    int[] sizes() {
        return sizes.clone();
    }

    int[] strides(int operand) {
        return strides[operand].clone();
    }

    int offset(int operand) {
        return offsets[operand];
    }

    /** The number of elements walked. */
    int numel() {
        return Shape.numel(sizes);
    }

    /** Appends this layout's {@code Dims}. */
    KernelArgs dims(KernelArgs args) {
        return args.dims(sizes);
    }

    /** Appends operand i's {@code View}. */
    KernelArgs view(KernelArgs args, int operand) {
        return args.view(offsets[operand], strides[operand]);
    }

    /** Storage position of every element, row-major: for host code that needs the positions (cuBLAS batches). */
    int[] positions(int operand) {
        int n = numel();
        int[] out = new int[n];
        for (int linear = 0; linear < n; linear++) {
            int rest = linear;
            int pos = offsets[operand];
            for (int d = sizes.length - 1; d >= 0; d--) {
                pos += (rest % sizes[d]) * strides[operand][d];
                rest /= sizes[d];
            }
            out[linear] = pos;
        }
        return out;
    }
}
