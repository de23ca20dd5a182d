package dev.jgan.core.backend.cpu;

import dev.jgan.core.backend.Operand;
import java.util.Arrays;

/**
 * The float32 fast path of {@link CpuBackend#tryMatmulSummedOverBatch}: {@code out = sum over n
 * of a[n] @ b[n]} without the [N, ..., M, P] tensor of all N products.
 *
 * <p>It gives the bits of the two-step version (matmul, then {@link FastReduce}'s sum over dim
 * 0) by doing the same arithmetic in the same order: each product is {@link PackedMatmul}'s,
 * whose bits do not depend on the operands' strides, and {@link FastReduce} sums a middle dim
 * of up to {@link FastReduce#ROWS_IN_FLOAT} rows by adding row after row in float onto the
 * first one. Where each product's depth fits a packed panel, the whole batch is one product of
 * depth N * K whose micro-kernel adds each image's product onto the tile as it finishes it
 * ({@link PackedMatmul#multiplySegments}): a per-image product of a DCGAN layer is only 16 to 256
 * deep, so writing each out and adding it in afterwards cost more than the arithmetic. Deeper
 * products are made one at a time and added in. Longer batches (FastReduce then moves to double
 * between blocks) and one-element outputs (a last-dim reduction, summed in another order) are
 * declined.
 */
final class BatchSummedMatmul {
    private BatchSummedMatmul() {
    }

    /** See {@link dev.jgan.core.backend.BatchSummedMatmulKernel#tryMatmulSummedOverBatch}. */
    static boolean tryRun(Operand a, Operand b, Operand out) {
        int rank = a.dim();
        int batch = a.size(0);
        if (!(a.storage() instanceof CpuStorage.Floats as) || !(b.storage() instanceof CpuStorage.Floats bs)
                || !(out.storage() instanceof CpuStorage.Floats os) || !out.isContiguous()
                || batch > FastReduce.ROWS_IN_FLOAT || out.numel() <= 1) {
            return false;
        }
        int m = a.size(rank - 2);
        int k = a.size(rank - 1);
        int p = b.size(rank - 1);
        int matrix = m * p;
        // The batch dims after dim 0 are the groups: out holds one [M, P] sum per group.
        int[] groupShape = Arrays.copyOfRange(a.shape(), 1, rank - 2);
        int[] aGroups = StridedIndex.walk(groupShape, Arrays.copyOfRange(a.strides(), 1, rank - 2), a.offset());
        int[] bGroups = StridedIndex.walk(groupShape, Arrays.copyOfRange(b.strides(), 1, rank - 2), b.offset());
        if (k <= PackedMatmul.KC) {
            for (int g = 0; g < aGroups.length; g++) {
                PackedMatmul.DEFAULT.multiplySegments(
                        new PackedMatmul.Operand(as.data(), aGroups[g], a.stride(0), a.stride(rank - 2), a.stride(rank - 1)),
                        new PackedMatmul.Operand(bs.data(), bGroups[g], b.stride(0), b.stride(rank - 2), b.stride(rank - 1)),
                        os.data(), out.offset() + g * matrix, m, k, p, batch);
            }
            return true;
        }
        // Deep products would cut segments across panels: one product at a time, each added in.
        float[] product = batch > 1 ? new float[matrix] : null;
        for (int g = 0; g < aGroups.length; g++) {
            int sumAt = out.offset() + g * matrix;
            for (int n = 0; n < batch; n++) {
                float[] target = n == 0 ? os.data() : product;
                PackedMatmul.DEFAULT.multiply(as.data(), aGroups[g] + n * a.stride(0), a.stride(rank - 2),
                        a.stride(rank - 1), bs.data(), bGroups[g] + n * b.stride(0), b.stride(rank - 2),
                        b.stride(rank - 1), target, n == 0 ? sumAt : 0, m, k, p);
                if (n > 0) {
                    addInto(os.data(), sumAt, product, matrix);
                }
            }
        }
        return true;
    }

    /**
     * sum[sumAt + i] += product[i] for i in [0, length), across the cores. Each piece is staged
     * so that the adding loop reads and writes at one index, which C2 vectorizes (see
     * {@link Staging}).
     */
    private static void addInto(float[] sum, int sumAt, float[] product, int length) {
        int pieces = (length + FastReduce.COLUMNS - 1) / FastReduce.COLUMNS;
        Parallel.forRange(pieces, FastReduce.COLUMNS, (start, end) -> {
            float[] staged = new float[FastReduce.COLUMNS];
            float[] addend = new float[FastReduce.COLUMNS];
            for (int piece = start; piece < end; piece++) {
                int from = piece * FastReduce.COLUMNS;
                int width = Math.min(FastReduce.COLUMNS, length - from);
                System.arraycopy(sum, sumAt + from, staged, 0, width);
                System.arraycopy(product, from, addend, 0, width);
                for (int i = 0; i < width; i++) {
                    staged[i] += addend[i];
                }
                System.arraycopy(staged, 0, sum, sumAt + from, width);
            }
        });
    }
}
