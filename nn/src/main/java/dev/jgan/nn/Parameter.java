package dev.jgan.nn;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;

/**
 * A module's learnable tensor. {@link Tensor} is final and shared by every op, so instead of
 * PyTorch's subclass {@code nn.Parameter} this is a handle: it owns a leaf tensor that requires
 * grad, and the layer reads the tensor through it on every forward. The indirection is what
 * lets {@link Module#to} swap in a converted tensor without each layer knowing about it.
 *
 * <p>Users and optimizers hold the tensors themselves ({@link Module#parameters()} returns
 * tensors), exactly as with PyTorch: updates happen in place, so those references stay valid
 * until the module is moved with {@code to(...)}.
 */
public final class Parameter {
    private Tensor value;

    Parameter(String what, Tensor value) {
        // setRequiresGrad refuses a tensor made by an op, with a message naming the op: a
        // parameter must be a leaf for backward() to accumulate into it.
        Autograd.setRequiresGrad(value, what, true);
        this.value = value;
    }

    /** The current tensor. */
    public Tensor get() {
        return value;
    }

    void set(Tensor value) {
        this.value = value;
    }
}
