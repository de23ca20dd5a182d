package dev.jgan.core.autograd;

import dev.jgan.core.Tensor;

/**
 * The autodiff side of a tensor: whether it wants a gradient, the node that produced it, and
 * the gradient accumulated into it (leaves only). Anyone may read it ({@link Tensor#autograd()});
 * only this package changes it: the engine attaches nodes and accumulates gradients, and
 * {@link Autograd#setRequiresGrad} and {@link Autograd#setGrad} are the checked doors that
 * {@link Tensor}'s own methods and modules go through.
 */
public final class AutogradMeta {
    private boolean requiresGrad;
    private Node gradFn;
    private Tensor grad;

    public boolean requiresGrad() {
        return requiresGrad;
    }

    public Node gradFn() {
        return gradFn;
    }

    public Tensor grad() {
        return grad;
    }

    public boolean isLeaf() {
        return gradFn == null;
    }

    /** Marks a leaf as wanting (or not) a gradient. Results of recorded ops cannot be unmarked. */
    void setRequiresGrad(String what, boolean value) {
        if (gradFn != null) {
            throw new IllegalStateException(what + ": requiresGrad can only be changed on a leaf; this tensor was made by '"
                    + gradFn.op().displayName() + "' (use detach() to get a leaf)");
        }
        requiresGrad = value;
    }

    /** Replaces the accumulated gradient; null clears it (what zeroGrad does). */
    void setGrad(Tensor value) {
        grad = value;
    }

    void attach(Node node) {
        gradFn = node;
        requiresGrad = true;
    }
}
