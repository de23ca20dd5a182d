package dev.jgan.core.backend;

import java.util.Arrays;

/**
 * The dims a kernel has to walk for several operands that share one shape, made as few as
 * possible without changing which element goes where: size-1 dims are dropped (their stride
 * never matters), and two neighbouring dims merge when every operand steps over the outer one
 * exactly as over a whole run of the inner one ({@code stride[d] == stride[d + 1] * size[d + 1]}).
 * Row-major element order is kept, so element i is still element i.
 *
 * <p>A contiguous tensor of any shape becomes one dim; a transposed or broadcast operand keeps
 * the dims it needs. With the output of a reduction seen in its keepdim layout (stride 0 on the
 * reduced dims), the rule merges exactly the neighbours that are both reduced or both kept.
 * Every backend merges dims through this one routine: the CPU's copy and reduction fast paths,
 * the CUDA kernels' index arithmetic.
 *
 * @param sizes   the merged dims' sizes, outermost first; empty for a single element
 * @param strides {@code strides[i]} are operand i's strides over {@code sizes}
 */
public record MergedDims(int[] sizes, int[][] strides) {

    /** Merges {@code shape}'s dims for operands whose strides over it are {@code strides[i]}. */
    public static MergedDims of(int[] shape, int[]... strides) {
        int operands = strides.length;
        int[] sizes = new int[shape.length];
        int[][] merged = new int[operands][shape.length];
        int rank = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) {
                continue;
            }
            boolean continues = rank > 0;
            for (int i = 0; i < operands && continues; i++) {
                continues = (long) merged[i][rank - 1] == (long) strides[i][d] * shape[d];
            }
            if (continues) {
                sizes[rank - 1] *= shape[d];
            } else {
                sizes[rank] = shape[d];
                rank++;
            }
            for (int i = 0; i < operands; i++) {
                merged[i][rank - 1] = strides[i][d];
            }
        }
        int[][] trimmed = new int[operands][];
        for (int i = 0; i < operands; i++) {
            trimmed[i] = Arrays.copyOf(merged[i], rank);
        }
        return new MergedDims(Arrays.copyOf(sizes, rank), trimmed);
    }

    /** The number of dims left. */
    public int rank() {
        return sizes.length;
    }
}
