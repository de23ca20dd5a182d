package dev.jgan.cuda.memory;

import dev.jgan.cuda.driver.DeviceMemory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One block of device memory lent by a {@link CachingAllocator} to one tensor storage. It goes
 * back to the allocator's cache exactly once: when its {@link MemoryScope} closes, or, for memory
 * no scope owns, after the storage became unreachable (the allocator's Cleaner). After that the
 * block may already hold another tensor's data, so every use fails loudly instead.
 */
public final class Allocation {
    private final CachingAllocator allocator;
    private final DeviceMemory memory;
    private final long bytes;
    private final AtomicBoolean released = new AtomicBoolean();

    Allocation(CachingAllocator allocator, DeviceMemory memory, long bytes) {
        this.allocator = allocator;
        this.memory = memory;
        this.bytes = bytes;
    }

    /** The device block; fails once the block went back to the allocator. */
    public DeviceMemory memory() {
        if (released.get()) {
            throw new IllegalStateException("cuda backend: a tensor's device memory (" + bytes + " bytes) was used after"
                    + " its MemoryScope closed and released it; keep(tensor.storage()) in the scope to let a tensor"
                    + " outlive it");
        }
        return memory;
    }

    /** Size in bytes: the size class, at least what was asked for. */
    public long bytes() {
        return bytes;
    }

    DeviceMemory block() {
        return memory;
    }

    /** Returns the block to the cache now, on the calling thread (a thread that uses the backend). */
    void release() {
        if (released.compareAndSet(false, true)) {
            allocator.giveBack(this);
        }
    }

    /**
     * The Cleaner's action, on the Cleaner's thread: it only queues the block, which the next
     * allocator call drains on a thread that uses the backend. A GPU context is current per
     * thread and the allocator's cache is not the Cleaner's to touch.
     */
    void releaseFromCleaner() {
        if (released.compareAndSet(false, true)) {
            allocator.returnLater(this);
        }
    }
}
