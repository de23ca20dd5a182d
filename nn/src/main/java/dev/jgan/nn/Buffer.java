package dev.jgan.nn;

import dev.jgan.core.Tensor;

/**
 * A module's state that is not learned but belongs in its state dict and moves with it, such as
 * BatchNorm's running mean. A handle like {@link Parameter}, for the same reason, holding a
 * tensor that never requires grad.
 */
public final class Buffer {
    private Tensor value;

    Buffer(String what, Tensor value) {
        if (value.requiresGrad()) {
            throw new IllegalArgumentException(what + ": a buffer must not require grad; register a parameter"
                    + " if it should be learned, or pass tensor.detach()");
        }
        this.value = value;
    }

    /** The current tensor; layers update it in place (under GradMode.noGrad()). */
    public Tensor get() {
        return value;
    }

    void set(Tensor value) {
        this.value = value;
    }
}
