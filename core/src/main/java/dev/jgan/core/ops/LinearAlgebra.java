package dev.jgan.core.ops;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.Op;

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
        int kb = b.size(-2);
        int n = b.size(-1);
        if (k != kb) {
            throw new IllegalArgumentException("matmul: " + Shape.format(a.shape()) + " @ " + Shape.format(b.shape())
                    + ": inner sizes " + k + " and " + kb + " differ");
        }
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
        a.backend().matmul(Views.broadcastLayout(a, aShape), Views.broadcastLayout(b, bShape), out);
        return Autograd.record(Op.MATMUL, out, g -> new Tensor[]{
                Pointwise.ifNeeded(a, () -> Reductions.sumTo(g.matmul(b.transpose(-1, -2)), a.shape())),
                Pointwise.ifNeeded(b, () -> Reductions.sumTo(a.transpose(-1, -2).matmul(g), b.shape()))}, a, b);
    }
}
