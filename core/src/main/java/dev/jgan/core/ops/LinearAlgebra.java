package dev.jgan.core.ops;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.Op;
import dev.jgan.core.backend.BatchSummedMatmulKernel;
import dev.jgan.core.backend.ReduceOp;

import java.util.Arrays;

/** Matrix products. */
public final class LinearAlgebra {
    private LinearAlgebra() {
    }

    /**
     * torch.matmul: 2-D matrix product, batched over leading dims that broadcast; a 1-D operand
     * is treated as a row (left) or column (right) vector and that dim is removed again.
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        Checks.compatible("matmul", a, b);
        if (a.dim() == 0 || b.dim() == 0) {
            throw new IllegalArgumentException("matmul: " + Shape.format(a.shape()) + " @ " + Shape.format(b.shape())
                    + ": both operands need at least one dim; use mul() for scalars");
        }
        // Checked here, before a 1-D operand becomes a row or column, so the message shows the user's shapes.
        int inner = a.size(-1);
        int innerB = b.size(b.dim() == 1 ? 0 : -2);
        if (inner != innerB) {
            throw new IllegalArgumentException("matmul: " + Shape.format(a.shape()) + " @ " + Shape.format(b.shape())
                    + ": inner sizes " + inner + " and " + innerB + " differ");
        }
        if (a.dim() == 1 && b.dim() == 1) {
            return matmul(a.unsqueeze(0), b.unsqueeze(1)).reshape();
        }
        if (a.dim() == 1) {
            return matmul(a.unsqueeze(0), b).squeeze(-2);
        }
        if (b.dim() == 1) {
            return matmul(a, b.unsqueeze(1)).squeeze(-1);
        }
        int m = a.size(-2);
        int k = a.size(-1);
        int n = b.size(-1);
        int[] aBatch = Arrays.copyOf(a.shape(), a.dim() - 2);
        int[] bBatch = Arrays.copyOf(b.shape(), b.dim() - 2);
        int[] batch;
        try {
            batch = Shape.broadcast("matmul", aBatch, bBatch);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: " + Shape.format(a.shape()) + " @ " + Shape.format(b.shape())
                    + ": batch dims " + Shape.format(aBatch) + " and " + Shape.format(bBatch) + " cannot be broadcast");
        }
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        int[] aShape = Arrays.copyOf(batch, batch.length + 2);
        aShape[batch.length] = m;
        aShape[batch.length + 1] = k;
        int[] bShape = Arrays.copyOf(batch, batch.length + 2);
        bShape[batch.length] = k;
        bShape[batch.length + 1] = n;
        Tensor out = Tensor.empty(a.backend(), a.dtype(), outShape);
        a.backend().matmul(Views.broadcastLayout(a, aShape), Views.broadcastLayout(b, bShape), out.operand());
        return Autograd.record(Op.MATMUL, out, g -> new Tensor[]{
                Pointwise.ifNeeded(a, () -> Reductions.sumTo(g.matmul(b.transpose(-1, -2)), a.shape())),
                Pointwise.ifNeeded(b, () -> Reductions.sumTo(rightGradient(a, b, g), b.shape()))}, a, b);
    }

    /**
     * a^T @ g, the gradient of matmul's right operand. When that operand is a transposed matrix
     * (a Linear layer's W read as W^T), it is made as (g^T @ a)^T: every element is the same
     * products summed in the same order, so the bits are the same, but the transpose back to W's
     * layout is then contiguous, and the copy the weight's .grad keeps of it is a plain copy
     * instead of a transposing one (5% of an MLP-GAN step).
     */
    private static Tensor rightGradient(Tensor a, Tensor b, Tensor g) {
        boolean transposedMatrix = a.dim() == 2 && b.dim() == 2 && b.size(0) > 1 && b.size(1) > 1
                && b.stride(0) == 1 && b.stride(1) == b.size(0);
        return transposedMatrix ? g.transpose(-1, -2).matmul(a).transpose(-1, -2) : a.transpose(-1, -2).matmul(g);
    }

    /**
     * The products of a batch of matrix pairs, summed over the batch: {@code a.matmul(b).sum(0)}
     * for a [N, ..., M, K] and b [N, ..., K, P] with the same batch dims, a [..., M, P] result.
     * This is the weight gradient of a layer applied to each of N images (a convolution's
     * filters, see {@link Convolution}). Same values, bits and gradients as the two ops; a backend
     * that implements {@link BatchSummedMatmulKernel} never holds the N products at once.
     */
    public static Tensor matmulSummedOverBatch(Tensor a, Tensor b) {
        String op = "matmul_summed_over_batch";
        Checks.compatible(op, a, b);
        int rank = a.dim();
        if (rank < 3 || b.dim() != rank
                || !Arrays.equals(a.shape(), 0, rank - 2, b.shape(), 0, rank - 2) || a.size(-1) != b.size(-2)) {
            throw new IllegalArgumentException(op + ": " + Shape.format(a.shape()) + " @ " + Shape.format(b.shape())
                    + ": needs [N, ..., M, K] and [N, ..., K, P] with the same batch dims");
        }
        int[] summedShape = Arrays.copyOfRange(a.shape(), 1, rank);
        summedShape[rank - 2] = b.size(-1);
        int[] keptShape = new int[rank];
        keptShape[0] = 1;
        System.arraycopy(summedShape, 0, keptShape, 1, rank - 1);
        Tensor kept = Tensor.empty(a.backend(), a.dtype(), keptShape);
        if (!(a.backend() instanceof BatchSummedMatmulKernel fused
                && fused.tryMatmulSummedOverBatch(a.operand(), b.operand(), kept.operand()))) {
            int[] productShape = keptShape.clone();
            productShape[0] = a.size(0);
            Tensor products = Tensor.empty(a.backend(), a.dtype(), productShape);
            a.backend().matmul(a.operand(), b.operand(), products.operand());
            boolean[] batchDim = new boolean[rank];
            batchDim[0] = true;
            a.backend().reduce(ReduceOp.SUM, products.operand(), batchDim, kept.operand());
        }
        Tensor out = Views.layout(kept, summedShape);
        // d/da[n] = g @ b[n]^T and d/db[n] = a[n]^T @ g: g is shared by the whole batch (broadcast).
        return Autograd.record(Op.MATMUL_SUMMED_OVER_BATCH, out, g -> new Tensor[]{
                Pointwise.ifNeeded(a, () -> g.matmul(b.transpose(-1, -2))),
                Pointwise.ifNeeded(b, () -> a.transpose(-1, -2).matmul(g))}, a, b);
    }
}
