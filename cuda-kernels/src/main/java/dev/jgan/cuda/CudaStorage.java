package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.core.backend.Backend;
import dev.jgan.cuda.driver.DeviceMemory;
import dev.jgan.cuda.memory.Allocation;
import dev.jgan.cuda.memory.CachingAllocator;
import dev.jgan.cuda.memory.DeviceStorage;
import dev.jgan.cuda.memory.MemoryScope;

/**
 * Device memory behind a tensor, lent by the backend's {@link CachingAllocator}. It goes back
 * when the {@link MemoryScope} it was allocated in closes or, failing that, when this storage
 * becomes unreachable: the garbage collector does not see device memory, so without either a
 * training loop would run the GPU out of memory long before the Java heap filled up.
 */
public final class CudaStorage implements DeviceStorage {
    private final CudaBackend backend;
    private final DType dtype;
    private final int size;
    private final Allocation allocation;

    CudaStorage(CudaBackend backend, DType dtype, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("cuda storage: size must be >= 0, got " + size);
        }
        this.backend = backend;
        this.dtype = dtype;
        this.size = size;
        this.allocation = backend.allocator().allocate((long) size * dtype.bytes(), this);
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public Allocation allocation() {
        return allocation;
    }

    /** The device block; fails if a closed scope already returned it. */
    DeviceMemory memory() {
        return allocation.memory();
    }
}
