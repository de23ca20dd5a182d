package dev.jgan.core.ops;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.Op;
import dev.jgan.core.backend.BinaryOp;
import dev.jgan.core.backend.ReduceOp;

/** Reductions over any set of dims, and the sum-to-shape that undoes broadcasting. */
public final class Reductions {
    private Reductions() {
    }

    /** Sum over {@code dims} (all dims if empty). */
    public static Tensor sum(Tensor x, int[] dims, boolean keepDim) {
        boolean[] mask = Shape.dimMask("sum", dims, x.dim());
        Tensor out = reduce(ReduceOp.SUM, x, mask, keepDim);
        int[] kept = Shape.reduced(x.shape(), mask, true);
        return Autograd.record(Op.SUM, out, g -> new Tensor[]{g.reshape(kept).expand(x.shape())}, x);
    }

    public static Tensor mean(Tensor x, int[] dims, boolean keepDim) {
        boolean[] mask = Shape.dimMask("mean", dims, x.dim());
        int count = count(x.shape(), mask);
        Tensor total = reduce(ReduceOp.SUM, x, mask, keepDim);
        Tensor out = Pointwise.zip("mean", BinaryOp.DIV, total, Tensor.scalarLike(total, count));
        int[] kept = Shape.reduced(x.shape(), mask, true);
        return Autograd.record(Op.MEAN, out, g -> new Tensor[]{g.reshape(kept).expand(x.shape()).div(count)}, x);
    }

    /**
     * The largest value over {@code dims} (torch.amax). Where several elements tie for the
     * maximum, the gradient is shared evenly among them.
     */
    public static Tensor max(Tensor x, int[] dims, boolean keepDim) {
        return extremum("max", ReduceOp.MAX, Op.MAX, x, dims, keepDim);
    }

    /** The smallest value over {@code dims} (torch.amin), gradient shared among ties. */
    public static Tensor min(Tensor x, int[] dims, boolean keepDim) {
        return extremum("min", ReduceOp.MIN, Op.MIN, x, dims, keepDim);
    }

    private static Tensor extremum(String name, ReduceOp kernel, Op op, Tensor x, int[] dims, boolean keepDim) {
        boolean[] mask = Shape.dimMask(name, dims, x.dim());
        // Only a reduced dim of size 0 leaves nothing to take the extreme of; as in torch.amax,
        // an empty tensor reduced over non-empty dims gives an empty result.
        for (int d = 0; d < mask.length; d++) {
            if (mask[d] && x.size(d) == 0) {
                throw new IllegalArgumentException(name + ": cannot reduce an empty tensor of shape "
                        + Shape.format(x.shape()) + " over dim " + d + " of size 0");
            }
        }
        Tensor out = reduce(kernel, x, mask, keepDim);
        int[] kept = Shape.reduced(x.shape(), mask, true);
        return Autograd.record(op, out, g -> {
            Tensor winners = x.eq(out.detach().reshape(kept));
            Tensor share = winners.div(winners.sum(dims, true));
            return new Tensor[]{g.reshape(kept).mul(share)};
        }, x);
    }

    /**
     * Variance over {@code dims} with Bessel's correction {@code correction} (1 = unbiased,
     * PyTorch's default; 0 = population variance). Built from mean, sub, mul and sum, so its
     * gradient comes for free.
     */
    public static Tensor var(Tensor x, int[] dims, int correction, boolean keepDim) {
        boolean[] mask = Shape.dimMask("var", dims, x.dim());
        int count = count(x.shape(), mask);
        Tensor centered = x.sub(x.mean(dims, true));
        return centered.mul(centered).sum(dims, keepDim).div(Math.max(count - correction, 0));
    }

    /**
     * Sums a gradient down to {@code shape}: the inverse of broadcasting, used by every op whose
     * inputs may have been broadcast. Leading dims that broadcasting added are summed away, and
     * dims of size 1 that were stretched are summed with keepDim.
     */
    public static Tensor sumTo(Tensor g, int[] shape) {
        if (java.util.Arrays.equals(g.shape(), shape)) {
            return g;
        }
        int lead = g.dim() - shape.length;
        int[] dims = new int[g.dim()];
        int n = 0;
        for (int d = 0; d < g.dim(); d++) {
            if (d < lead || (shape[d - lead] == 1 && g.size(d) != 1)) {
                dims[n++] = d;
            }
        }
        Tensor summed = n == 0 ? g : g.sum(java.util.Arrays.copyOf(dims, n), true);
        return summed.reshape(shape);
    }

    private static int count(int[] shape, boolean[] mask) {
        int count = 1;
        for (int d = 0; d < shape.length; d++) {
            if (mask[d]) {
                count *= shape[d];
            }
        }
        return count;
    }

    /** Runs a reduce kernel; the result is a fresh tensor with the reduced dims kept or dropped. */
    private static Tensor reduce(ReduceOp kernel, Tensor x, boolean[] mask, boolean keepDim) {
        int[] kept = Shape.reduced(x.shape(), mask, true);
        Tensor out = Tensor.empty(x.backend(), x.dtype(), kept);
        x.backend().reduce(kernel, x.operand(), mask, out.operand());
        return keepDim ? out : Views.layout(out, Shape.reduced(x.shape(), mask, false));
    }
}
