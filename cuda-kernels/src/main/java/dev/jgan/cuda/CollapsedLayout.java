package dev.jgan.cuda;

import dev.jgan.core.Shape;
import dev.jgan.core.backend.MergedDims;
import dev.jgan.core.backend.Operand;
import dev.jgan.cuda.driver.KernelArgs;

import java.util.Arrays;

/**
 * The dims a kernel walks, for several operands that share one shape, made as few as possible
 * by core's {@link MergedDims} (size-1 dims dropped, dims laid out back to back in every operand
 * merged), with each operand's offset. A contiguous tensor of any shape becomes one dim, so the
 * kernel's index arithmetic costs one division instead of one per dim.
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
    static CollapsedLayout of(String op, int[] shape, Operand... operands) {
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
        MergedDims merged = MergedDims.of(shape, strides);
        if (merged.rank() > KernelArgs.MAX_DIMS) {
            throw new IllegalArgumentException(op + ": the cuda kernels index at most " + KernelArgs.MAX_DIMS
                    + " dims, but a view of shape " + Shape.format(shape) + " with strides "
                    + Arrays.toString(strides[0]) + " still needs " + merged.rank() + " after merging contiguous dims;"
                    + " make it contiguous() first");
        }
        return new CollapsedLayout(merged.sizes(), merged.strides(), offsets.clone());
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
