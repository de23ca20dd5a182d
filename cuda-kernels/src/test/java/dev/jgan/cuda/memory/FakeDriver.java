package dev.jgan.cuda.memory;

import dev.jgan.cuda.driver.DeviceMemory;
import dev.jgan.cuda.driver.Dim3;
import dev.jgan.cuda.driver.Driver;
import dev.jgan.cuda.driver.KernelArgs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A device that only counts: memory blocks are tokens with a size, a capacity makes allocations
 * fail as cudaMalloc does when the device is full, and every call records its thread, so tests
 * can see that the allocator never reaches the device from the Cleaner's thread.
 */
final class FakeDriver implements Driver {
    record Block(long bytes, int id) implements DeviceMemory {
    }

    private final long capacity;
    private long allocated;
    private int nextId;
    final List<String> calls = new ArrayList<>();
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    FakeDriver(long capacity) {
        this.capacity = capacity;
    }

    @Override
    public String description() {
        return "fake device of " + capacity + " bytes";
    }

    @Override
    public synchronized DeviceMemory allocate(long bytes) {
        threads.add(Thread.currentThread());
        if (allocated + bytes > capacity) {
            throw new IllegalStateException("fake device: CUDA_ERROR_OUT_OF_MEMORY");
        }
        allocated += bytes;
        calls.add("allocate " + bytes);
        return new Block(bytes, nextId++);
    }

    @Override
    public synchronized void free(DeviceMemory memory) {
        threads.add(Thread.currentThread());
        allocated -= memory.bytes();
        calls.add("free " + memory.bytes());
    }

    @Override
    public synchronized void fillBytes(DeviceMemory memory, int value) {
        threads.add(Thread.currentThread());
        calls.add("fill " + memory.bytes() + " with " + value);
    }

    @Override
    public void copyToDevice(float[] source, DeviceMemory target, long targetByteOffset) {
        throw new UnsupportedOperationException("the fake device holds no data");
    }

    @Override
    public void copyToDevice(double[] source, DeviceMemory target, long targetByteOffset) {
        throw new UnsupportedOperationException("the fake device holds no data");
    }

    @Override
    public void copyToHost(DeviceMemory source, long sourceByteOffset, float[] target) {
        throw new UnsupportedOperationException("the fake device holds no data");
    }

    @Override
    public void copyToHost(DeviceMemory source, long sourceByteOffset, double[] target) {
        throw new UnsupportedOperationException("the fake device holds no data");
    }

    @Override
    public void launch(String kernel, Dim3 grid, Dim3 block, KernelArgs args) {
        throw new UnsupportedOperationException("the fake device runs no kernels");
    }

    @Override
    public void synchronize() {
        threads.add(Thread.currentThread());
    }

    synchronized long allocatedBytes() {
        return allocated;
    }

    @Override
    public long address(DeviceMemory memory, long byteOffset) {
        throw new UnsupportedOperationException("the fake device has no addresses");
    }

    @Override
    public long streamHandle() {
        return 0;
    }
}
