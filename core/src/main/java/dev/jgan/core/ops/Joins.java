package dev.jgan.core.ops;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.Op;

import java.util.List;

/** Joining tensors: concat along an existing dim, stack along a new one. */
public final class Joins {
    private Joins() {
    }

    public static Tensor concat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("concat: needs at least one tensor");
        }
        Tensor first = tensors.get(0);
        int d = Shape.normalizeDim("concat", dim, Math.max(first.dim(), 1));
        int[] shape = first.shape();
        if (shape.length == 0) {
            throw new IllegalArgumentException("concat: cannot concatenate scalars (shape []); use stack");
        }
        int total = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            Checks.compatible("concat", first, t);
            if (t.dim() != shape.length) {
                throw new IllegalArgumentException("concat: tensor 0 has shape " + Shape.format(shape) + " but tensor " + i
                        + " has shape " + Shape.format(t.shape()) + " (ranks differ)");
            }
            for (int k = 0; k < shape.length; k++) {
                if (k != d && t.size(k) != shape[k]) {
                    throw new IllegalArgumentException("concat: along dim " + dim + ", tensor 0 has shape "
                            + Shape.format(shape) + " but tensor " + i + " has shape " + Shape.format(t.shape())
                            + " (sizes differ at dim " + k + ")");
                }
            }
            total += t.size(d);
        }
        shape[d] = total;
        Tensor out = Tensor.empty(first.backend(), first.dtype(), shape);
        int[] starts = new int[tensors.size()];
        int start = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            starts[i] = start;
            Tensor window = Tensor.asStrided(out, t.shape(), out.strides(), out.offset() + start * out.stride(d));
            first.backend().copy(t.operand(), window.operand());
            start += t.size(d);
        }
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        return Autograd.record(Op.CONCAT, out, g -> {
            Tensor[] grads = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                Tensor input = inputs[i];
                int from = starts[i];
                grads[i] = Pointwise.ifNeeded(input, () -> g.narrow(d, from, input.size(d)));
            }
            return grads;
        }, inputs);
    }

    /** Stacks equal-shaped tensors along a new dim: concat of their unsqueezed views. */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("stack: needs at least one tensor");
        }
        int[] shape = tensors.get(0).shape();
        for (int i = 1; i < tensors.size(); i++) {
            if (!java.util.Arrays.equals(shape, tensors.get(i).shape())) {
                throw new IllegalArgumentException("stack: tensor 0 has shape " + Shape.format(shape) + " but tensor "
                        + i + " has shape " + Shape.format(tensors.get(i).shape()) + "; stack needs equal shapes");
            }
        }
        int d = Shape.normalizeDim("stack", dim, shape.length + 1);
        return concat(tensors.stream().map(t -> t.unsqueeze(d)).toList(), d);
    }
}
