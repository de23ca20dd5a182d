package dev.jgan.core.ops;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.Op;

/** Softmax and log-softmax along one dim, computed with the maximum subtracted first. */
public final class Softmax {
    private Softmax() {
    }

    public static Tensor softmax(Tensor x, int dim) {
        int d = Shape.normalizeDim("softmax", dim, x.dim());
        if (x.dim() == 0) {
            return softmax(x.reshape(1), 0).reshape(); // PyTorch: a scalar's one wrapped dim holds one element
        }
        Tensor y = Tensor.empty(x.backend(), x.dtype(), x.shape());
        x.backend().softmax(x.operand(), d, false, y.operand());
        // dL/dx = y * (g - sum(g * y)) along dim: the Jacobian diag(y) - y y^T applied to g.
        return Autograd.record(Op.SOFTMAX, y, g -> new Tensor[]{y.mul(g.sub(g.mul(y).sum(new int[]{d}, true)))}, x);
    }

    public static Tensor logSoftmax(Tensor x, int dim) {
        int d = Shape.normalizeDim("logSoftmax", dim, x.dim());
        if (x.dim() == 0) {
            return logSoftmax(x.reshape(1), 0).reshape();
        }
        Tensor y = Tensor.empty(x.backend(), x.dtype(), x.shape());
        x.backend().softmax(x.operand(), d, true, y.operand());
        // dL/dx = g - softmax(x) * sum(g) along dim, with softmax(x) = exp(y).
        return Autograd.record(Op.LOG_SOFTMAX, y, g -> new Tensor[]{g.sub(y.exp().mul(g.sum(new int[]{d}, true)))}, x);
    }
}
