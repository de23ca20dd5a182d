package dev.jgan.core.backend;

import dev.jgan.core.DType;

/**
 * A flat buffer of elements owned by one backend. Tensors are views onto a storage: shape,
 * strides and offset say which elements they see.
 */
public interface Storage {
    DType dtype();

    /** Number of elements the buffer holds. */
    int size();

    Backend backend();
}
