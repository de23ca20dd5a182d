package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.Storage;
import dev.jgan.cuda.driver.DeviceMemory;
import dev.jgan.cuda.driver.Driver;

import java.lang.ref.Cleaner;

/**
 * Device memory behind a tensor. Freed when the storage becomes unreachable: the garbage
 * collector does not see device memory, so without the Cleaner a training loop would run the GPU
 * out of memory long before the Java heap filled up.
 */
public final class CudaStorage implements Storage {
    private static final Cleaner CLEANER = Cleaner.create();

    private final CudaBackend backend;
    private final DType dtype;
    private final int size;
    private final DeviceMemory memory;

    CudaStorage(CudaBackend backend, DType dtype, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("cuda storage: size must be >= 0, got " + size);
        }
        this.backend = backend;
        this.dtype = dtype;
        this.size = size;
        this.memory = backend.driver().allocate((long) size * dtype.bytes());
        CLEANER.register(this, new Release(backend.driver(), memory));
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

    DeviceMemory memory() {
        return memory;
    }

    /** The Cleaner's action; holds what it needs and never the storage itself, or it would never run. */
    private record Release(Driver driver, DeviceMemory memory) implements Runnable {
        @Override
        public void run() {
            driver.free(memory);
        }
    }
}
