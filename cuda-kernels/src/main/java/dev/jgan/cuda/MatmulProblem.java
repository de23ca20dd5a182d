package dev.jgan.cuda;

import dev.jgan.core.backend.Operand;

import java.util.Arrays;

/**
 * A batched product out = a @ b as {@link dev.jgan.core.backend.Backend#matmul} hands it over
 * (a is [..., m, k], b is [..., k, n], equal batch dims, any strides), split into the matrix
 * sizes and the batch dims, collapsed over the three operands (0 = a, 1 = b, 2 = out).
 */
record MatmulProblem(int m, int k, int n, CollapsedLayout batch) {
    static final int A = 0;
    static final int B = 1;
    static final int OUT = 2;

    static MatmulProblem of(Operand a, Operand b, Operand out) {
        int rank = out.dim();
        int[] batchShape = Arrays.copyOf(out.shape(), rank - 2);
        int[][] batchStrides = {
                Arrays.copyOf(a.strides(), rank - 2),
                Arrays.copyOf(b.strides(), rank - 2),
                Arrays.copyOf(out.strides(), rank - 2)};
        int[] offsets = {a.offset(), b.offset(), out.offset()};
        return new MatmulProblem(a.size(rank - 2), a.size(rank - 1), b.size(rank - 1),
                CollapsedLayout.of("matmul", batchShape, batchStrides, offsets));
    }

    int batches() {
        return batch.numel();
    }

    /** Nothing to compute: no output element. */
    boolean isEmpty() {
        return m == 0 || n == 0 || batches() == 0;
    }
}
