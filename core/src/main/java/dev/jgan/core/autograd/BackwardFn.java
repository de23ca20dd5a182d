package dev.jgan.core.autograd;

import dev.jgan.core.Tensor;

/**
 * Maps the gradient of a node's output to the gradients of its inputs (vector-Jacobian
 * product). Written with tensor ops, so it is itself recorded when the graph of the gradient
 * is wanted (create_graph). Entries for inputs that need no gradient may be null.
 */
@FunctionalInterface
public interface BackwardFn {
    Tensor[] apply(Tensor gradOutput);
}
