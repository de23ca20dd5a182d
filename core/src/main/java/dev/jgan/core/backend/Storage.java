package dev.jgan.core.backend;

import dev.jgan.core.DType;

/**
 * A flat buffer of elements owned by one backend. An {@link Operand} (and so every tensor) is a
 * view onto a storage: shape, strides and offset say which elements it sees.
 */
public interface Storage {
    DType dtype();

    /** Number of elements the buffer holds. */
    int size();

    Backend backend();
}
