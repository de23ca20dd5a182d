package dev.jgan.cuda.memory;

import dev.jgan.core.backend.Storage;

/** A tensor storage backed by an {@link Allocation}, which is how a {@link MemoryScope} finds a tensor's memory. */
public interface DeviceStorage extends Storage {
    Allocation allocation();
}
